using BookData.Text;

namespace BookData.Tests.Text;

public sealed class CatalogTextTests
{
    [Theory]
    [InlineData("  Stephen  ", "Stephen")]
    [InlineData("Le   Carre", "Le Carre")]
    [InlineData("The\tShining\r\n", "The Shining")]
    [InlineData("a \u00A0 b", "a b")]
    [InlineData("   ", "")]
    [InlineData("plain", "plain")]
    public void Normalize_WhiteSpace_IsTrimmedAndCollapsed(string input, string expected)
    {
        CatalogText.Normalize(input).Should().Be(expected);
    }

    [Fact]
    public void Normalize_DecomposedAccent_IsComposed()
    {
        var decomposed = "Cafe\u0301";

        CatalogText.Normalize(decomposed).Should().Be("Caf\u00E9");
    }

    [Fact]
    public void Required_WhiteSpaceOnly_ThrowsNamingField()
    {
        var act = () => CatalogText.Required("  \t ", "title", CatalogText.MaxTitleLength);

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "title" && ex.Message.Contains("title"));
    }

    [Fact]
    public void Required_Null_ThrowsNamingField()
    {
        var act = () => CatalogText.Required(null, "publisher name", CatalogText.MaxPublisherNameLength);

        act.Should().Throw<BookDataValidationException>().Which.Field.Should().Be("publisher name");
    }

    [Fact]
    public void Required_OverLimit_ThrowsStatingLimit()
    {
        var act = () => CatalogText.Required(new string('x', CatalogText.MaxTitleLength + 1), "title", CatalogText.MaxTitleLength);

        act.Should().Throw<BookDataValidationException>().WithMessage("*501*500*");
    }

    [Fact]
    public void Required_AtLimitAfterNormalizing_IsAccepted()
    {
        var value = "  " + new string('x', CatalogText.MaxTitleLength) + "  ";

        CatalogText.Required(value, "title", CatalogText.MaxTitleLength).Should().HaveLength(CatalogText.MaxTitleLength);
    }

    [Fact]
    public void Optional_ControlCharacter_Throws()
    {
        var act = () => CatalogText.Optional("bad\u0000name", "first name", CatalogText.MaxNameLength);

        act.Should().Throw<BookDataValidationException>().WithMessage("*U+0000*");
    }

    [Fact]
    public void Optional_LoneSurrogate_ThrowsValidation()
    {
        var act = () => CatalogText.Optional("bad\uD800", "first name", CatalogText.MaxNameLength);

        act.Should().Throw<BookDataValidationException>().Which.Field.Should().Be("first name");
    }

    [Theory]
    [InlineData("Stephen King", "Stephen", "King")]
    [InlineData("  Ursula   K. Le Guin ", "Ursula K. Le", "Guin")]
    [InlineData("Homer", "", "Homer")]
    public void SplitAuthorName_LastWordIsLastName(string fullName, string first, string last)
    {
        CatalogText.SplitAuthorName(fullName).Should().Be((first, last));
    }
}
