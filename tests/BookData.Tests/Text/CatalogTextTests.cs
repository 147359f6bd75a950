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

    // The surrogate is given as a number: xUnit's test-case serialization would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData("ab", 0xD800, "cd", "U+D800 at character 3")]
    [InlineData("", 0xDC00, "xyz", "U+DC00 at character 1")]
    [InlineData("📚 ", 0xD83D, "", "U+D83D at character 3")]
    public void Normalize_LoneSurrogate_ThrowsArgumentExceptionNamingItsPosition(string before, int surrogate, string after, string expected)
    {
        var input = before + (char)surrogate + after;

        var act = () => CatalogText.Normalize(input);

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "value" && e.Message.Contains("lone surrogate " + expected, StringComparison.Ordinal));
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

    [Fact]
    public void Optional_LoneSurrogate_ErrorNamesItAndItsPosition()
    {
        var act = () => CatalogText.Optional("bad\uD800", "first name", CatalogText.MaxNameLength);

        act.Should().Throw<BookDataValidationException>().WithMessage("The first name contains a lone surrogate U+D800 at character 4*");
    }

    [Theory]
    [InlineData("A", 1)]
    [InlineData("\u00E9", 1)]
    [InlineData("\U0001F600", 1)]
    [InlineData("a\U0001F600b\U0001F4DA", 4)]
    [InlineData("", 0)]
    public void CountCharacters_CountsUnicodeScalarValues(string value, int expected)
    {
        CatalogText.CountCharacters(value).Should().Be(expected);
    }

    [Fact]
    public void Required_300EmojiTitle_IsAcceptedAsThe300CharactersTheDatabaseCounts()
    {
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 300));

        CatalogText.Required(title, "title", CatalogText.MaxTitleLength).Should().Be(title);
    }

    [Fact]
    public void Required_501EmojiTitle_ThrowsCountingCharactersNotCodeUnits()
    {
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 501));

        var act = () => CatalogText.Required(title, "title", CatalogText.MaxTitleLength);

        act.Should().Throw<BookDataValidationException>().WithMessage("The title is 501 characters long; the limit is 500.");
    }

    [Theory]
    [InlineData("محمد اسماعیل\u200Cزاده")]
    [InlineData("ذبیح\u200Cالله")]
    [InlineData("क्\u200Dष")]
    [InlineData("क्\u200Cष")]
    public void Optional_ZeroWidthJoinerOrNonJoinerBetweenLetters_IsKept(string value)
    {
        CatalogText.Optional(value, "last name", CatalogText.MaxNameLength).Should().Be(value);
    }

    [Theory]
    [InlineData("\u200CZadeh", "U+200C", 1)]
    [InlineData("Zadeh\u200C", "U+200C", 6)]
    [InlineData("Ab \u200Ccd", "U+200C", 4)]
    [InlineData("Ab\u200C cd", "U+200C", 3)]
    [InlineData("\U0001F468\u200D\U0001F469", "U+200D", 2)]
    [InlineData("a\u200C\u200Cb", "U+200C", 2)]
    public void Optional_ZeroWidthJoinerOrNonJoinerNotBetweenLetters_ErrorNamesCodePointAndPosition(string value, string codePoint, int position)
    {
        var act = () => CatalogText.Optional(value, "last name", CatalogText.MaxNameLength);

        act.Should().Throw<BookDataValidationException>()
            .WithMessage($"The last name contains the invisible format character {codePoint} at character {position}, which is not allowed.");
    }

    [Theory]
    [InlineData("Random\u200BHouse", "U+200B", 7)]
    [InlineData("Random House\u202E", "U+202E", 13)]
    [InlineData("\u2066Random House\u2069", "U+2066", 1)]
    [InlineData("Random\uFEFFHouse", "U+FEFF", 7)]
    [InlineData("Ran\u00ADdom", "U+00AD", 4)]
    [InlineData("\U0001F600\u200DHouse", "U+200D", 2)]
    [InlineData("Love \u2764\uFE0F", "U+FE0F", 7)]
    [InlineData("Random\u034FHouse", "U+034F", 7)]
    [InlineData("Random\u3164House", "U+3164", 7)]
    [InlineData("Random \U000E0041", "U+E0041", 8)]
    public void Optional_InvisibleCharacter_ErrorNamesCodePointAndPosition(string value, string codePoint, int position)
    {
        var act = () => CatalogText.Optional(value, "publisher name", CatalogText.MaxPublisherNameLength);

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "publisher name")
            .WithMessage($"The publisher name contains the invisible * {codePoint} at character {position}, which is not allowed.");
    }

    [Theory]
    [InlineData("bad\u0000name", "U+0000", 4)]
    [InlineData("\u0007bell", "U+0007", 1)]
    [InlineData("del\u007F", "U+007F", 4)]
    [InlineData("c1\u0080", "U+0080", 3)]
    [InlineData("c1\u009B", "U+009B", 3)]
    public void Optional_ControlCharacter_ErrorNamesCodePointAndPosition(string value, string codePoint, int position)
    {
        var act = () => CatalogText.Optional(value, "title", CatalogText.MaxTitleLength);

        act.Should().Throw<BookDataValidationException>()
            .WithMessage($"The title contains the control character {codePoint} at character {position}, which is not allowed.");
    }

    [Theory]
    [InlineData("Tab\tand\r\nnew line\u0085end", "Tab and new line end")]
    [InlineData("\u00A0no-break\u2003em\u3000ideographic ", "no-break em ideographic")]
    [InlineData("Ca\u0301fe\u0301 \u00E9t\u00E9", "C\u00E1f\u00E9 \u00E9t\u00E9")]
    [InlineData("\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629")]
    [InlineData("\U0001F4DA Books", "\U0001F4DA Books")]
    public void Optional_VisibleTextAndWhiteSpace_IsAcceptedAndNormalized(string value, string expected)
    {
        CatalogText.Optional(value, "title", CatalogText.MaxTitleLength).Should().Be(expected);
    }
}
