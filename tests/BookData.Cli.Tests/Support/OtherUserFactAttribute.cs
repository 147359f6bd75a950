namespace BookData.Cli.Tests.Support;

/// <summary>
/// A fact that runs the tool as the unprivileged user <c>nobody</c> (root ignores permission bits, so only another
/// user sees a read-only folder as read-only): skipped, with the reason, unless the tests run as root on Linux with
/// <c>setpriv</c>.
/// </summary>
public sealed class OtherUserFactAttribute : FactAttribute
{
    public OtherUserFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists(OtherUser.SetPriv))
        {
            Skip = "Needs Linux, root and /usr/bin/setpriv to run the tool as user nobody.";
        }
    }
}
