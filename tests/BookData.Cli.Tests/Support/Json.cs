using System.Text.Json;

namespace BookData.Cli.Tests.Support;

/// <summary>Reads a command's JSON output for assertions.</summary>
public static class Json
{
    public static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The property names of an object, in document order.</summary>
    public static IReadOnlyList<string> Keys(JsonElement element) =>
        element.EnumerateObject().Select(property => property.Name).ToArray();
}
