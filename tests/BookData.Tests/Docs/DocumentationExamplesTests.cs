namespace BookData.Tests.Docs;

/// <summary>
/// Every C# example in README.md and docs/*.md compiles against this build of BookData, so the documentation
/// cannot drift from the API.
/// </summary>
/// <remarks>
/// The convention, for whoever writes an example:
/// <list type="bullet">
/// <item>A block fenced <c>```csharp</c> (or <c>```cs</c>, <c>```c#</c>) is one complete file: a program with
/// top-level statements, or type declarations compiled as a library. It compiles as it would in a project made by
/// <c>dotnet new console</c> (implicit usings on, see <see cref="ExampleCompiler"/>): every other <c>using</c> it
/// needs must be written in it, and every package it needs must be named in the text around it.</item>
/// <item>A block that cannot be complete (a fragment continuing the block before it, a method body) is excluded
/// by the line <c>&lt;!-- compile: skip: REASON --&gt;</c> just before its fence (invisible on a rendered page).
/// The reason is required: a marker without one fails the test.</item>
/// <item>Blocks are only compiled, never run: they may name files that do not exist here.</item>
/// </list>
/// </remarks>
public sealed class DocumentationExamplesTests
{
    private static readonly Lazy<List<CodeBlock>> AllBlocks = new(FindAllBlocks);

    public static TheoryData<string, int> CSharpBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in AllBlocks.Value.Where(b => b.IsCSharp))
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void Example_AsWritten_Compiles(string file, int line)
    {
        var block = AllBlocks.Value.Single(b => b.File == file && b.Line == line);
        if (block.SkipReason is not null)
        {
            block.SkipReason.Should().NotBeEmpty($"the compile: skip marker before {block.Location} must say why the block cannot compile");
            return;
        }

        var errors = ExampleCompiler.Errors(block);

        errors.Should().BeEmpty($"the csharp block at {block.Location} must compile against this build:\n{string.Join('\n', errors)}\n");
    }

    [Fact]
    public void Readme_AsWritten_HasCompiledExamplesAndLinksEveryDocsPage()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        AllBlocks.Value.Should().Contain(b => b.File == "README.md" && b.IsCSharp && b.SkipReason == null, "the README shows compiled C# examples");
        foreach (var page in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
        {
            var link = "docs/" + Path.GetFileName(page);
            readme.Should().Contain($"]({link}", $"README.md links every documentation page, {link} included");
        }
    }

    [Fact]
    public void Errors_BlockCallingMissingMethod_NamesFileLineAndMethod()
    {
        var block = new CodeBlock(
            "README.md",
            40,
            "csharp",
            "using BookData;\n\nvar options = new BookDataOptions { ConnectionString = \"Data Source=catalog.db\" };\noptions.MigrateEverything();",
            SkipReason: null);

        var errors = ExampleCompiler.Errors(block);

        errors.Should().ContainSingle().Which.Should().StartWith("README.md:44: CS1061").And.Contain("MigrateEverything");
    }

    [Fact]
    public void Errors_BlockMissingUsing_Fails()
    {
        var block = new CodeBlock(
            "docs/x.md",
            1,
            "csharp",
            "var options = new BookDataOptions { ConnectionString = \"Data Source=catalog.db\" };",
            SkipReason: null);

        ExampleCompiler.Errors(block).Should().ContainSingle().Which.Should().StartWith("docs/x.md:2: CS0246");
    }

    [Fact]
    public void Errors_CompleteProgram_IsEmpty()
    {
        var block = new CodeBlock(
            "docs/x.md",
            1,
            "csharp",
            "using BookData;\n\nvar options = new BookDataOptions { ConnectionString = \"Data Source=catalog.db\" };\nConsole.WriteLine(options.BusyTimeout);",
            SkipReason: null);

        ExampleCompiler.Errors(block).Should().BeEmpty();
    }

    [Fact]
    public void Find_MarkerAndFenceVariants_ReadAsWritten()
    {
        const string markdown = """
            # Page

            <!-- compile: skip: continues the block above -->
            ```csharp
            await x.RunAsync();
            ```

            ~~~cs
            var a = 1;
            ~~~

            ````text
            ```csharp
            not a block of its own
            ```
            ````
            """;

        var blocks = MarkdownCodeBlocks.Find("docs/x.md", markdown);

        blocks.Should().HaveCount(3);
        blocks[0].Should().Be(new CodeBlock("docs/x.md", 4, "csharp", "await x.RunAsync();", "continues the block above"));
        blocks[1].IsCSharp.Should().BeTrue();
        blocks[1].SkipReason.Should().BeNull();
        blocks[2].Language.Should().Be("text");
        blocks[2].Code.Should().Contain("not a block of its own");
    }

    [Fact]
    public void Find_FenceIndentedInListItem_IsFoundWithIndentRemoved()
    {
        const string markdown = "1. Step one:\n\n     ```csharp\n     var a = 1;\n       var b = 2;\n     ```\n";

        var blocks = MarkdownCodeBlocks.Find("docs/x.md", markdown);

        blocks.Should().ContainSingle().Which.Should().Be(new CodeBlock("docs/x.md", 3, "csharp", "var a = 1;\n  var b = 2;", null));
    }

    [Fact]
    public void Find_MarkerWithoutReason_GivesEmptyReason()
    {
        var blocks = MarkdownCodeBlocks.Find("docs/x.md", "<!-- compile: skip -->\n```csharp\nvar a = 1;\n```\n");

        blocks.Should().ContainSingle().Which.SkipReason.Should().BeEmpty();
    }

    [Fact]
    public void Find_MarkerNotBeforeBlock_Throws()
    {
        var act = () => MarkdownCodeBlocks.Find("docs/x.md", "text\n<!-- compile: skip: why -->\nmore text\n```csharp\nvar a = 1;\n```\n");

        act.Should().Throw<FormatException>().WithMessage("docs/x.md:2: *");
    }

    [Fact]
    public void Find_UnclosedFence_Throws()
    {
        var act = () => MarkdownCodeBlocks.Find("README.md", "# Title\n```csharp\nvar a = 1;\n");

        act.Should().Throw<FormatException>().WithMessage("README.md:2: the code block is never closed.");
    }

    private static List<CodeBlock> FindAllBlocks()
    {
        var root = RepositoryRoot();
        var pages = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));
        return pages
            .SelectMany(page => MarkdownCodeBlocks.Find(
                Path.GetRelativePath(root, page).Replace('\\', '/'),
                File.ReadAllText(page)))
            .ToList();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BookData.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No BookData.sln above {AppContext.BaseDirectory}.");
    }
}
