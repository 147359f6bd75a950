using BookData.Books;

namespace BookData.Tests.Books;

/// <summary>What the title search asks the trigram index for: the text's covering trigrams, each quoted, AND-ed.</summary>
public sealed class TitleSearchQueryTests
{
    [Theory]
    [InlineData("riv", "\"riv\"")]
    [InlineData("river", "\"riv\" AND \"ver\"")]
    [InlineData("rivers", "\"riv\" AND \"ers\"")]
    [InlineData("river sea", "\"riv\" AND \"er \" AND \"sea\"")]
    [InlineData("a\"bcd", "\"a\"\"b\" AND \"bcd\"")]
    [InlineData("\"\"\"", "\"\"\"\"\"\"\"\"")]
    [InlineData("📚📚📚x", "\"📚📚📚\" AND \"📚📚x\"")]
    [InlineData("aaaaaa", "\"aaa\"")]
    [InlineData("x AND y", "\"x A\" AND \"ND \" AND \"D y\"")]
    public void TrigramQuery_Text_QuotesTheTrigramsThatCoverIt(string text, string expected) =>
        TitleSearch.TrigramQuery(text).Should().Be(expected);

    [Fact]
    public void TrigramQuery_LongText_AsksForAtMostTheLimitIncludingFirstAndLast()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"w{i:D3}"));

        var terms = TitleSearch.TrigramQuery(text).Split(" AND ");

        terms.Should().HaveCount(TitleSearch.MaxQueryTrigrams);
        terms[0].Should().Be("\"w00\"");
        terms[^1].Should().Be("\"099\"");
    }
}
