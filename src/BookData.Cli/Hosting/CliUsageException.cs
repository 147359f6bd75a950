namespace BookData.Cli.Hosting;

/// <summary>The command line asks for something the command cannot do; exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class CliUsageException(string message, Exception? innerException = null) : Exception(message, innerException);
