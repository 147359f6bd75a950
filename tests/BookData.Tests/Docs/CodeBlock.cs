namespace BookData.Tests.Docs;

/// <summary>A fenced code block of a Markdown page.</summary>
/// <param name="File">The page, relative to the repository root with <c>/</c> separators, e.g. <c>docs/cli.md</c>.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The fence's first word, lower-cased (<c>csharp</c>, <c>bash</c>, ...); empty when there is none.</param>
/// <param name="Code">The lines between the fences.</param>
/// <param name="SkipReason">
/// The reason given by a <c>&lt;!-- compile: skip REASON --&gt;</c> line just before the fence; <see langword="null"/>
/// when there is no such line, empty when it gives no reason.
/// </param>
public sealed record CodeBlock(string File, int Line, string Language, string Code, string? SkipReason)
{
    /// <summary>Whether the block is C# (<c>csharp</c>, <c>cs</c> or <c>c#</c>), so the examples test compiles it.</summary>
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    /// <summary>Where the block is, as a reader finds it: <c>README.md:42</c>.</summary>
    public string Location => $"{File}:{Line}";
}
