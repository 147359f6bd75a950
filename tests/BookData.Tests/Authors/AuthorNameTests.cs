using BookData.Authors;

namespace BookData.Tests.Authors;

public sealed class AuthorNameTests
{
    [Theory]
    [InlineData("Stephen King", "Stephen", "King")]
    [InlineData("  Ursula   K. Le Guin ", "Ursula K. Le", "Guin")]
    [InlineData("Homer", "", "Homer")]
    public void FromFullName_LastWordIsTheLastNameOfANewAuthor(string fullName, string first, string last)
    {
        var name = AuthorName.FromFullName(fullName);

        name.Should().BeEquivalentTo(new { FirstName = first, LastName = last, IsFullName = true });
        name.FullName.Should().Be(first.Length == 0 ? last : $"{first} {last}");
    }

    [Fact]
    public void Create_KeepsTheGivenSplitNormalized()
    {
        var name = AuthorName.Create(" John ", "Le   Carre");

        name.Should().BeEquivalentTo(new { FirstName = "John", LastName = "Le Carre", FullName = "John Le Carre", IsFullName = false });
        name.Should().NotBe(AuthorName.FromFullName("John Le Carre"), "an exact name and a full name to be matched are different requests");
    }

    [Theory]
    [InlineData(null, "author name")]
    [InlineData("   ", "author name")]
    [InlineData("John\u200BLe Carre", "author name")]
    public void FromFullName_BadName_ThrowsNamingTheField(string? fullName, string field)
    {
        var act = () => AuthorName.FromFullName(fullName);

        act.Should().Throw<BookDataValidationException>().Which.Field.Should().Be(field);
    }

    [Theory]
    [InlineData(null, "Carre", "first name")]
    [InlineData("John", " ", "last name")]
    [InlineData("Jo\u202Ehn", "Carre", "first name")]
    public void Create_BadPart_ThrowsNamingThePart(string? first, string? last, string field)
    {
        var act = () => AuthorName.Create(first, last);

        act.Should().Throw<BookDataValidationException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void FromFullName_LongerThanTwoNamesAndASpace_Throws()
    {
        var act = () => AuthorName.FromFullName(new string('a', 100) + " " + new string('b', 101));

        act.Should().Throw<BookDataValidationException>().WithMessage("The author name is 202 characters long; the limit is 201.");
    }

    [Fact]
    public void Readings_EverySplitAtASpace_WholeNameFirst()
    {
        AuthorName.FromFullName("A B C").Readings().Select(name => (name.FirstName, name.LastName))
            .Should().Equal(("", "A B C"), ("A", "B C"), ("A B", "C"));
    }

    [Fact]
    public void Readings_PartsBeyondTheLimits_AreLeftOut()
    {
        var first = new string('f', 30);
        var middle = new string('m', 80);

        AuthorName.FromFullName($"{first} {middle} c").Readings().Select(name => (name.FirstName, name.LastName))
            .Should().Equal((first, $"{middle} c"));
    }
}
