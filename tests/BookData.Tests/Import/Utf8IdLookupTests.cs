using System.Text;
using BookData.Import.Sqlite;
using BookData.Tests.Support;
using CsCheck;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Import;

/// <summary>
/// The import's name-to-id maps decide row identity (whether a row names a known author, book or publisher), so
/// they must agree with the schema's <c>NOCASE</c> columns exactly: SQLite decides, the lookup follows.
/// </summary>
public sealed class Utf8IdLookupTests
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
        // Eight bytes and more: the hash folds whole 64-bit words.
        { "THE STAND BY STEPHEN KING", "the stand by stephen king" },
        { "ABCDEFGH@", "abcdefgh`" },
        { "ABCDEFGH[", "abcdefgh{" },
        { "Émile Zola, Germinal", "ÉMILE ZOLA, GERMINAL" },
        { "Émile Zola, Germinal", "émile zola, germinal" },
        { "ΣΣΣΣΣΣΣΣ", "σσσσσσσσ" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task TryGetValue_AnyPair_AgreesWithSqliteNocase(string x, string y)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = (SqliteConnection)await db.Factory.OpenAsync();

        var sqlite = NocaseEquals(connection, x, y);

        Finds(x, y).Should().Be(sqlite);
        Finds(y, x).Should().Be(sqlite);
    }

    [Fact]
    public async Task TryGetValue_RandomNames_AgreesWithSqliteNocase()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = (SqliteConnection)await db.Factory.OpenAsync();
        // Letters next to the ASCII letters' range (@ [ ` {), letters outside ASCII, and multi-byte characters.
        var name = Gen.String[Gen.Char["aAzZbB@[`{ 1ÉéßΣσ\u00C0\u00E0"], 0, 20];
        var caseFlipped = name.SelectMany(text => Gen.Bool.Array[text.Length].Select(flips =>
            new string(text.Select((c, i) => flips[i] && char.IsAsciiLetter(c) ? (char)(c ^ 0x20) : c).ToArray())));
        var pair = Gen.OneOf(
            Gen.Select(name, name),
            name.SelectMany(text => caseFlipped.Select(other => (text, other))));

        pair.Sample(
            ((string X, string Y) names) => Finds(names.X, names.Y) == NocaseEquals(connection, names.X, names.Y)
                && Finds(names.Y, names.X) == NocaseEquals(connection, names.Y, names.X),
            iter: 2000,
            threads: 1, // one SQLite connection answers every sample, and a connection is not for several threads at once
            seed: null);
    }

    [Fact]
    public void Add_EmptyNameFirstAndAfterAFullBlock_IsStoredAndFound()
    {
        var lookup = new Utf8IdLookup(4);
        lookup.Add(0, [], 1);
        var big = new byte[1 << 20];
        big.AsSpan().Fill((byte)'a');
        lookup.Add(0, big, 2);
        lookup.Add(1, [], 3);

        lookup.TryGetValue(0, [], out var first).Should().BeTrue();
        lookup.TryGetValue(1, [], out var second).Should().BeTrue();
        lookup.TryGetValue(0, big.AsSpan().ToArray().Select(b => (byte)'A').ToArray(), out var upper).Should().BeTrue();
        (first, second, upper).Should().Be((1L, 3L, 2L));
        lookup.Count.Should().Be(3);
    }

    [Fact]
    public void TryGetValue_SameNameInAnotherScope_IsNotFound()
    {
        var lookup = new Utf8IdLookup(4);
        lookup.Add(1, Encoding.UTF8.GetBytes("It"), 10);

        lookup.TryGetValue(2, Encoding.UTF8.GetBytes("IT"), out _).Should().BeFalse();
        lookup.TryGetValue(1, Encoding.UTF8.GetBytes("IT"), out var id).Should().BeTrue();
        id.Should().Be(10);
    }

    [Fact]
    public void Add_NameEqualUnderNocase_ThrowsAndKeepsTheFirst()
    {
        var lookup = new Utf8IdLookup(4);
        lookup.Add(0, Encoding.UTF8.GetBytes("Random House"), 1);

        var act = () => lookup.Add(0, Encoding.UTF8.GetBytes("RANDOM HOUSE"), 2);

        act.Should().Throw<InvalidOperationException>();
        lookup.Count.Should().Be(1);
        lookup.TryGetValue(0, Encoding.UTF8.GetBytes("random house"), out var id).Should().BeTrue();
        id.Should().Be(1);
    }

    /// <summary>Whether a lookup holding <paramref name="stored"/> finds it by <paramref name="probe"/>.</summary>
    private static bool Finds(string stored, string probe)
    {
        var lookup = new Utf8IdLookup(4);
        lookup.Add(7, Encoding.UTF8.GetBytes(stored), 42);
        return lookup.TryGetValue(7, Encoding.UTF8.GetBytes(probe), out var id) && id == 42;
    }

    private static bool NocaseEquals(SqliteConnection connection, string x, string y)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT @X = @Y COLLATE NOCASE;";
        command.Parameters.AddWithValue("@X", x);
        command.Parameters.AddWithValue("@Y", y);
        return (long)command.ExecuteScalar()! == 1;
    }
}
