using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using BookData.Benchmarks;
using BookData.Benchmarks.Catalog;

// dotnet run -c Release --project benchmarks/BookData.Benchmarks -- --filter '*'          the full suite
// dotnet run -c Release --project benchmarks/BookData.Benchmarks -- --quick               smoke run (checks results first)
// dotnet run -c Release --project benchmarks/BookData.Benchmarks -- --check               only check that all competitors agree
// dotnet run -c Release --project benchmarks/BookData.Benchmarks -- --filter X --in-process  the full counts, in this process
// dotnet run -c Release --project benchmarks/BookData.Benchmarks -- --plans               print the query plans
// dotnet run -c Release --project benchmarks/BookData.Benchmarks -- --catalog FILE        write the 100,000-book catalog to FILE
// BOOKDATA_BENCH_CATALOG_CACHE=DIR dotnet run ... -- --search-catalog                     generate the million-book search catalog into DIR
// With BOOKDATA_BENCH_POSTGRES set to an Npgsql connection string, PostgreSqlBenchmarks (BookData on PostgreSQL
// beside BookData on SQLite) joins the run and the check; unset, it is left out.
if (args.Contains("--plans"))
{
    QueryPlans.Print(Console.Out);
    return 0;
}

if (args is ["--search-catalog"])
{
    // With BOOKDATA_BENCH_CATALOG_CACHE set: generates TitleSearchScaleBenchmarks' million-book catalog into that
    // folder, so that an --in-process run's setup only copies it.
    BenchmarkCatalog.Create(TitleSearchScaleBenchmarks.Shape).Dispose();
    return 0;
}

if (args is ["--catalog", var catalogPath])
{
    await CatalogGenerator.GenerateAsync(CatalogShape.Default, catalogPath);
    return 0;
}

var quick = args.Contains("--quick");
var checkOnly = args.Contains("--check");
var inProcess = args.Contains("--in-process");
var rest = args.Where(arg => arg is not "--quick" and not "--check" and not "--in-process").ToList();

if (quick)
{
    // The smoke run imports a tenth of the rows: EF Core takes seconds per 100,000-row import.
    ImportInput.Rows = Operations.ImportRows / 10;
    TitleSearchScaleBenchmarks.Books = 100_000;
}

if (quick || checkOnly)
{
    if (!await CompetitorCheck.RunAsync(Console.Out))
    {
        return 1;
    }

    if (PostgreSqlCatalog.ConnectionString is not null && !await CompetitorCheck.RunPostgreSqlAsync(Console.Out))
    {
        return 1;
    }

    if (checkOnly)
    {
        return 0;
    }
}

if (quick && !rest.Contains("--filter"))
{
    rest.AddRange(["--filter", "*"]);
}

var benchmarkTypes = typeof(Program).Assembly.GetExportedTypes()
    .Where(type => type.GetMethods().Any(method => method.IsDefined(typeof(BenchmarkAttribute), inherit: false)))
    .Where(type => type != typeof(PostgreSqlBenchmarks) || PostgreSqlCatalog.ConnectionString is not null)
    .ToArray();
var summaries = BenchmarkSwitcher.FromTypes(benchmarkTypes).Run([.. rest], BenchmarkConfig.Create(quick, inProcess));
var failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
return failed ? 1 : 0;
