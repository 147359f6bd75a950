namespace BookData.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that runs its callback at once on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
