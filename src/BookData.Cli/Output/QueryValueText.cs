using System.Globalization;

namespace BookData.Cli.Output;

/// <summary>How an ad-hoc query's value reads as text, in the table and for JSON values that are not numbers.</summary>
internal static class QueryValueText
{
    /// <summary>The value as text: blobs as <c>x'HEX'</c>, booleans as <c>true</c>/<c>false</c>, numbers in the invariant culture.</summary>
    /// <param name="value">A non-null value.</param>
    /// <returns>The text.</returns>
    public static string Format(object value) => value switch
    {
        string text => text,
        byte[] blob => $"x'{Convert.ToHexString(blob)}'",
        bool truth => truth ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
