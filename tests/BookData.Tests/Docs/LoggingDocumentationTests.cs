using System.Reflection;
using BookData.Connections;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Docs;

/// <summary>docs/logging.md lists every log event the library (and its provider packages) can write, by id and name.</summary>
public sealed class LoggingDocumentationTests
{
    [Fact]
    public void LoggingPage_EveryLoggerMessageInLibrary_IsListedWithIdAndName()
    {
        // The library and, once the test project references them, its provider packages.
        var assemblies = Directory.EnumerateFiles(AppContext.BaseDirectory, "BookData*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("BookData.Tests", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom)
            .Append(typeof(BookDataConnectionFactory).Assembly)
            .Distinct();
        var events = assemblies.SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .Select(e => (e.Attribute!.EventId, Name: e.Attribute.EventName ?? e.Method.Name))
            .ToList();
        var page = File.ReadAllText(Path.Combine(DocumentationExamplesTests.RepositoryRoot(), "docs", "logging.md"));

        var missing = events.Where(e => !page.Contains($"| {e.EventId} | `{e.Name}` |", StringComparison.Ordinal))
            .Select(e => $"{e.EventId} {e.Name}");

        events.Should().NotBeEmpty();
        missing.Should().BeEmpty("docs/logging.md lists every event the library logs, as a row | id | `name` |");
    }
}
