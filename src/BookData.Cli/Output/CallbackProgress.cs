namespace BookData.Cli.Output;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, unlike
/// <see cref="Progress{T}"/>, which posts to a synchronization context and may run after the work ends.
/// </summary>
/// <typeparam name="T">The progress value.</typeparam>
/// <param name="handler">Called with every report.</param>
internal sealed class CallbackProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
