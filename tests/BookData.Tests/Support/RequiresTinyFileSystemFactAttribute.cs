namespace BookData.Tests.Support;

/// <summary>
/// A fact that mounts a <see cref="TinyFileSystem"/>: skipped, with the reason, where a tmpfs cannot be mounted
/// (not Linux, not root, or no mount permission in the container).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresTinyFileSystemFactAttribute : FactAttribute
{
    public RequiresTinyFileSystemFactAttribute()
    {
        if (TinyFileSystem.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
