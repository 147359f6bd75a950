using System.Text;
using System.Text.RegularExpressions;
using BookData.Import;
using BookData.Tests.Support;
using CsCheck;
using Dapper;

namespace BookData.Tests.Guarantees;

/// <summary>
/// The importer fed random and mutated files: it imports them or fails with a <see cref="BookDataImportException"/>,
/// leaves the catalog exactly as it was when it fails, and never hangs.
/// </summary>
public sealed class CsvFuzzTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private enum Mutation
    {
        Truncate,
        FlipByte,
        InsertQuote,
        InsertInvalidUtf8,
        DeleteRange,
        DuplicateRange,
    }

    [Fact]
    public async Task ImportAsync_MutatedSampleFiles_ImportOrFailCleanly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new CatalogImporter(db.Factory).ImportAsync(SampleCatalog.CsvPath);
        var original = await File.ReadAllBytesAsync(SampleCatalog.CsvPath);

        var mutations = Gen.Select(Gen.Enum<Mutation>(), Gen.Int[0, original.Length - 1], Gen.Int[1, 40], Gen.Byte)
            .Select((kind, at, length, value) => Mutate(kind, at, length, value))
            .Array[1, 3];

        await mutations.SampleAsync(
            async steps =>
            {
                var bytes = steps.Aggregate(original, (current, step) => step(current));
                await ImportOrFailCleanlyAsync(db, bytes);
            },
            iter: 300,
            threads: 1);
    }

    [Fact]
    public async Task ImportAsync_RandomBytes_ImportOrFailCleanly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new CatalogImporter(db.Factory).ImportAsync(SampleCatalog.CsvPath);

        await Gen.Byte.Array[0, 2000].SampleAsync(
            bytes => ImportOrFailCleanlyAsync(db, bytes),
            iter: 200,
            threads: 1);
    }

    [Fact]
    public async Task ImportAsync_OneMegabyteField_FailsNamingFieldAndLine()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new CatalogImporter(db.Factory).ImportAsync(SampleCatalog.CsvPath);
        var before = await CatalogDump.DataRowsAsync(db);
        var csv = "first_name,last_name,title,publisher\nIsaac,Asimov,\"" + new string('x', 1024 * 1024) + "\",Random House\n";

        var act = () => ImportBytesAsync(db, Encoding.UTF8.GetBytes(csv));

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.LineNumber.Should().Be(2);
        error.Field.Should().Be("title");
        (await CatalogDump.DataRowsAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task ImportAsync_SkipModeWithOneBadLineAmongGoodRows_ImportsEveryGoodRow()
    {
        // Good rows with values that hold commas, quotes and line breaks (quoted as RFC 4180 says), and one bad
        // line put between two of them: only that line is skipped, whatever it is and wherever it stands.
        await using var db = await TestDatabase.CreateAsync();
        string[] badLines =
        [
            "X,Y,\"Dr. Strangelove, or How I Learned,P",
            "X,Y,Dr \"Strange\" Love,P",
            "X,Y,\"Dr\"x,P",
            "X,Y,Z",
            "first_name,last_name,title,publisher",
            "X,Y," + new string('x', 9000) + ",P",
            "X,Y,\"" + new string('x', 9000),
        ];
        var value = Gen.Select(Gen.Char["abcXYZé"], Gen.String[Gen.Char["ab é,\"\n\r"], 0, 12]).Select((first, rest) => first + rest);
        var rows = Gen.Select(value, value, value, value).Array[0, 30];
        var run = 0;

        await Gen.Select(rows, Gen.Int[0, 1000], Gen.Int[0, badLines.Length - 1]).SampleAsync(
            async (goodRows, at, bad) =>
            {
                var tag = $"#{++run}#";
                var text = new StringBuilder("first_name,last_name,title,publisher\n");
                var position = at % (goodRows.Length + 1);
                long badLine = 0;
                for (var i = 0; i <= goodRows.Length; i++)
                {
                    if (i == position)
                    {
                        badLine = Regex.Count(text.ToString(), "\r\n|\r|\n") + 1;
                        text.Append(badLines[bad]).Append('\n');
                    }

                    if (i < goodRows.Length)
                    {
                        var (first, last, title, publisher) = goodRows[i];
                        text.AppendJoin(',', Quote(first), Quote(last), Quote($"{title} {tag}{i}"), Quote(publisher)).Append('\n');
                    }
                }

                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
                var summary = await new CatalogImporter(db.Factory)
                    .ImportAsync(stream, new ImportOptions { OnError = ImportErrorMode.Skip, SourceName = "fuzz.csv" })
                    .WaitAsync(HangLimit);

                summary.SkippedRows.Select(row => row.LineNumber).Should().Equal([badLine], text.ToString());
                summary.Should().BeEquivalentTo(new { RowsImported = (long)goodRows.Length, BooksAdded = (long)goodRows.Length });
                await using var connection = await db.Factory.OpenAsync();
                (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM book WHERE title LIKE @Tag", new { Tag = $"%{tag}%" }))
                    .Should().Be(goodRows.Length);
            },
            iter: 150,
            threads: 1);

        static string Quote(string value) =>
            value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static Func<byte[], byte[]> Mutate(Mutation kind, int at, int length, byte value) => bytes =>
    {
        var position = bytes.Length == 0 ? 0 : at % bytes.Length;
        var list = bytes.ToList();
        switch (kind)
        {
            case Mutation.Truncate:
                return bytes[..position];
            case Mutation.FlipByte when bytes.Length > 0:
                list[position] ^= value == 0 ? (byte)0x20 : value;
                break;
            case Mutation.InsertQuote:
                list.Insert(position, (byte)'"');
                break;
            case Mutation.InsertInvalidUtf8:
                list.InsertRange(position, [0xC3, 0x28, 0xFF, 0xFE]);
                break;
            case Mutation.DeleteRange:
                list.RemoveRange(position, Math.Min(length, list.Count - position));
                break;
            case Mutation.DuplicateRange:
                list.InsertRange(position, list.Skip(position).Take(length).ToArray());
                break;
        }

        return list.ToArray();
    };

    private static async Task ImportOrFailCleanlyAsync(TestDatabase db, byte[] bytes)
    {
        var before = await CatalogDump.DataRowsAsync(db);
        try
        {
            await ImportBytesAsync(db, bytes);
        }
        catch (BookDataImportException error)
        {
            error.Message.Should().StartWith("fuzz.csv");
            (await CatalogDump.DataRowsAsync(db)).Should().Equal(before, "a failed import must leave the catalog unchanged");
        }
    }

    private static async Task ImportBytesAsync(TestDatabase db, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        await new CatalogImporter(db.Factory)
            .ImportAsync(stream, new ImportOptions { SourceName = "fuzz.csv" })
            .WaitAsync(HangLimit);
    }
}
