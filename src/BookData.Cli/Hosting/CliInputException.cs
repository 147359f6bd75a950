namespace BookData.Cli.Hosting;

/// <summary>The input given to a command was rejected; exits with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CliInputException(string message, Exception? innerException = null) : Exception(message, innerException);
