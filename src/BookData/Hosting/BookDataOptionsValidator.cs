using Microsoft.Extensions.Options;

namespace BookData.Hosting;

/// <summary>
/// Runs <see cref="BookDataOptions.Validate"/> for the options system, so that with
/// <c>ValidateOnStart</c> a bad setting stops the host before it starts, with a message naming the setting.
/// </summary>
internal sealed class BookDataOptionsValidator : IValidateOptions<BookDataOptions>
{
    public ValidateOptionsResult Validate(string? name, BookDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (BookDataValidationException ex)
        {
            return ValidateOptionsResult.Fail(
                ex.Message.Contains(ex.Field, StringComparison.Ordinal) ? ex.Message : $"{ex.Field}: {ex.Message}");
        }
    }
}
