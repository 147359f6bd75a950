using BookData.Tests.Support;
using BookData.Text;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Text;

public sealed class NoCaseComparerTests
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "Stephen King", "stephen KING" },
        { "abc", "abd" },
        { "Émile", "émile" },
        { "Émile", "Émile" },
        { "straße", "STRASSE" },
        { "@", "`" },
        { "[", "{" },
        { "Z", "z" },
        { "A1", "a1" },
        { "a", "a " },
        { "Σ", "σ" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Equals_AnyPair_AgreesWithSqliteNocase(string x, string y)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = (SqliteConnection)await db.Factory.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT @X = @Y COLLATE NOCASE;";
        command.Parameters.AddWithValue("@X", x);
        command.Parameters.AddWithValue("@Y", y);
        var sqlite = (long)(await command.ExecuteScalarAsync())! == 1;

        NoCaseComparer.Instance.Equals(x, y).Should().Be(sqlite);
    }

    [Theory]
    [InlineData("Stephen King", "stephen KING")]
    [InlineData("Z", "z")]
    [InlineData("Émile Zola", "Émile ZOLA")]
    [InlineData("", "")]
    public void GetHashCode_PairsThatAreEqual_HashAlike(string x, string y)
    {
        var comparer = NoCaseComparer.Instance;

        comparer.Equals(x, y).Should().BeTrue();
        comparer.GetHashCode(x).Should().Be(comparer.GetHashCode(y));
    }
}
