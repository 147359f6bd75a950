using BookData.Cli;
using BookData.Cli.Hosting;

return await BookDataCli.RunAsync(args, CliConsole.ForProcess()).ConfigureAwait(false);
