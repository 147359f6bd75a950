using System.CommandLine;
using System.CommandLine.Parsing;

namespace BookData.Cli.Hosting;

/// <summary>
/// The rule for every value given on the command line, checked once for every command before it runs: an
/// option or argument given with an empty or white-space value (<c>--db ""</c>, <c>--db "$UNSET"</c>) is a
/// usage error, never the same as leaving it out.
/// </summary>
internal static class OptionValues
{
    /// <summary>Throws for the first option or argument that was given an empty or white-space value.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <exception cref="CliUsageException">A value is empty or white space.</exception>
    public static void ThrowIfAnyBlank(ParseResult parseResult)
    {
        if (FirstBlank(parseResult.RootCommandResult) is { } blank)
        {
            throw new CliUsageException(blank switch
            {
                OptionResult option =>
                    $"{option.Option.Name} is empty; give it a value or leave {option.Option.Name} out.",
                ArgumentResult argument =>
                    $"The {argument.Argument.Name.ToUpperInvariant()} argument is empty; give it a value.",
                _ => "An empty value was given.",
            });
        }
    }

    private static SymbolResult? FirstBlank(CommandResult command)
    {
        foreach (var child in command.Children)
        {
            var blank = child switch
            {
                CommandResult subcommand => FirstBlank(subcommand),
                OptionResult or ArgumentResult when child.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)) => child,
                _ => null,
            };
            if (blank is not null)
            {
                return blank;
            }
        }

        return null;
    }
}
