using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BookData.Tests.Docs;

/// <summary>
/// Compiles a documentation example in memory, as a reader would build it in a project made by
/// <c>dotnet new console</c>: C# latest, nullable on, and the implicit global usings of <c>Microsoft.NET.Sdk</c>
/// (System, System.Collections.Generic, System.IO, System.Linq, System.Net.Http, System.Threading,
/// System.Threading.Tasks); every other namespace the example needs must be in its own <c>using</c> lines.
/// </summary>
public static class ExampleCompiler
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<List<MetadataReference>> References = new(LoadReferences);

    /// <summary>
    /// Compiles <paramref name="block"/>: a block with top-level statements as a program, any other as a library.
    /// </summary>
    /// <returns>Empty when it compiles; otherwise one line per error, each naming the page and its line.</returns>
    public static IReadOnlyList<string> Errors(CodeBlock block)
    {
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var example = CSharpSyntaxTree.ParseText(block.Code, parseOptions, path: block.File, encoding: Encoding.UTF8);
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, path: "ImplicitUsings.cs", encoding: Encoding.UTF8);
        var isProgram = example.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Example_" + Guid.NewGuid().ToString("N"),
            [usings, example],
            References.Value,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        using var peStream = new MemoryStream();
        var result = compilation.Emit(peStream);
        return result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => Describe(block, d))
            .ToList();
    }

    private static string Describe(CodeBlock block, Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree?.FilePath != block.File)
        {
            return $"{block.File}:{block.Line}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        var span = diagnostic.Location.GetLineSpan();
        // The block's first code line is the line after its opening fence.
        var line = block.Line + 1 + span.StartLinePosition.Line;
        var code = block.Code.Split('\n')[span.StartLinePosition.Line].Trim();
        return $"{block.File}:{line}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}   [{code}]";
    }

    /// <summary>
    /// The assemblies this test host runs with (the trusted platform assemblies: the runtime and every package the
    /// test project references, BookData and, when the test project references it, BookData.PostgreSql), so an
    /// example compiles against exactly the library under test.
    /// </summary>
    private static List<MetadataReference> LoadReferences()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string path)
        {
            if (path.Length > 0 && File.Exists(path))
            {
                paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        foreach (var path in ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator))
        {
            Add(path);
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            Add(assembly.Location);
        }

        // The provider packages sit beside the tests when the test project references them.
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "BookData*.dll"))
        {
            Add(path);
        }

        Add(typeof(BookDataOptions).Assembly.Location);
        return paths.Values.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
    }
}
