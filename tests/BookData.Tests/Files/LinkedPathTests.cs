using BookData.Files;

namespace BookData.Tests.Files;

/// <summary>Paths resolved as the operating system and SQLite resolve them.</summary>
public sealed class LinkedPathTests : IDisposable
{
    private readonly string root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-links-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Resolve_DotDotAfterALinkedFolder_ClimbsFromTheLinksTarget()
    {
        var sub = Directory.CreateDirectory(Path.Combine(root, "real", "sub")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "x"));
        Directory.CreateSymbolicLink(Path.Combine(root, "x", "deep"), sub);

        LinkedPath.Resolve(Path.Combine(root, "x", "deep", "..", "catalog.db")).Should().Be(Path.Combine(root, "real", "catalog.db"));
    }

    [Fact]
    public void Resolve_RelativeLinkToAFileInAChainOfLinks_IsTheFinalFile()
    {
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "data")).FullName, "catalog.db");
        File.WriteAllText(file, "");
        File.CreateSymbolicLink(Path.Combine(root, "first.db"), Path.Combine("data", "catalog.db"));
        File.CreateSymbolicLink(Path.Combine(root, "second.db"), "first.db");

        LinkedPath.Resolve(Path.Combine(root, "second.db")).Should().Be(file);
    }

    [Fact]
    public void Resolve_LinkLoop_ThrowsNamingThePathAndResolveOrKeepKeepsItAsWritten()
    {
        var a = Path.Combine(root, "a.db");
        File.CreateSymbolicLink(a, "b.db");
        File.CreateSymbolicLink(Path.Combine(root, "b.db"), "a.db");

        var act = () => LinkedPath.Resolve(a);

        act.Should().Throw<IOException>().WithMessage($"'{a}' leads through more than 40 symbolic links (a loop).");
        LinkedPath.ResolveOrKeep(a).Should().Be(a);
    }

    [Fact]
    public void Resolve_MissingFileInAMissingFolder_IsThePathAsWritten()
    {
        var missing = Path.Combine(root, "nowhere", ".", "catalog.db");

        LinkedPath.Resolve(missing).Should().Be(Path.Combine(root, "nowhere", "catalog.db"));
    }
}
