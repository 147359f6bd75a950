namespace BookData.Cli.Tests.Support;

/// <summary>Runs the built tool as user <c>nobody</c> through <c>setpriv</c> (see <see cref="OtherUserFactAttribute"/>).</summary>
public static class OtherUser
{
    public const string SetPriv = "/usr/bin/setpriv";

    /// <summary>Runs <c>dotnet BookData.Cli.dll ARGS</c> as nobody, with a home folder nobody may write.</summary>
    public static Task<CliResult> RunToolAsync(string home, params string[] args) => RunToolAsAsync("nobody", "nogroup", home, args);

    /// <summary>Runs <c>dotnet BookData.Cli.dll ARGS</c> as <paramref name="user"/>, with a home folder it may not write.</summary>
    public static Task<CliResult> RunToolAsAsync(string user, string group, string home, params string[] args)
    {
        var all = new List<string> { $"--reuid={user}", $"--regid={group}", "--clear-groups", "env", $"HOME={home}", $"DOTNET_CLI_HOME={home}", "dotnet", ToolProcess.AssemblyPath };
        all.AddRange(args);
        return ToolProcess.RunProgramAsync(SetPriv, all);
    }
}
