using BookData.Cli;
using BookData.Cli.Hosting;

using var interruption = new ProcessInterruption();
var exitCode = await BookDataCli.RunAsync(args, CliConsole.ForProcess(), interruption.Token).ConfigureAwait(false);
return interruption.ExitCodeFor(exitCode);
