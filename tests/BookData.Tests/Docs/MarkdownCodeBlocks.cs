using System.Text.RegularExpressions;

namespace BookData.Tests.Docs;

/// <summary>Finds the fenced code blocks of Markdown text, with the skip marker that may precede each.</summary>
public static partial class MarkdownCodeBlocks
{
    /// <summary>The text of the marker line that excludes the next block from compilation.</summary>
    public const string SkipMarker = "<!-- compile: skip";

    /// <summary>The fenced blocks of <paramref name="markdown"/>, in order.</summary>
    /// <param name="file">The page's name, carried into each block.</param>
    /// <param name="markdown">The page's text.</param>
    /// <exception cref="FormatException">A fence is never closed, or a skip marker is not followed by a code block.</exception>
    public static IReadOnlyList<CodeBlock> Find(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<CodeBlock>();
        string? pendingSkip = null;
        var pendingSkipLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith(SkipMarker, StringComparison.Ordinal))
            {
                if (!trimmed.EndsWith("-->", StringComparison.Ordinal))
                {
                    throw new FormatException($"{file}:{i + 1}: the compile marker must be one line ending with -->.");
                }

                pendingSkip = trimmed[SkipMarker.Length..^3].Trim().TrimStart(':', '-', '—').Trim();
                pendingSkipLine = i + 1;
                continue;
            }

            var open = Fence().Match(line);
            if (!open.Success)
            {
                if (pendingSkip is not null && trimmed.Length > 0)
                {
                    throw new FormatException($"{file}:{pendingSkipLine}: a compile marker must be followed by a code block.");
                }

                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var language = open.Groups["info"].Value.Trim().Split(' ', 2)[0].ToLowerInvariant();
            var start = i;
            var code = new List<string>();
            for (i++; ; i++)
            {
                if (i == lines.Length)
                {
                    throw new FormatException($"{file}:{start + 1}: the code block is never closed.");
                }

                var close = lines[i].Trim();
                if (close.Length >= fence.Length && close.All(c => c == fence[0]))
                {
                    break;
                }

                // A fence indented inside a list item indents its lines as much: take that indent off.
                var codeLine = lines[i];
                var strip = 0;
                while (strip < indent && strip < codeLine.Length && codeLine[strip] == ' ')
                {
                    strip++;
                }

                code.Add(codeLine[strip..]);
            }

            blocks.Add(new CodeBlock(file, start + 1, language, string.Join('\n', code), pendingSkip));
            pendingSkip = null;
        }

        return pendingSkip is null
            ? blocks
            : throw new FormatException($"{file}:{pendingSkipLine}: a compile marker must be followed by a code block.");
    }

    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();
}
