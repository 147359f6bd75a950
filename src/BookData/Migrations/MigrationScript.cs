using System.Security.Cryptography;
using System.Text;

namespace BookData.Migrations;

/// <summary>One versioned schema script: its stable name (<c>NNNN_verb_object.sql</c>) and its SQL text.</summary>
/// <param name="Name">The script's file name, which is also its name in the journal.</param>
/// <param name="Contents">The SQL text.</param>
internal sealed record MigrationScript(string Name, string Contents)
{
    /// <summary>
    /// SHA-256 of the script text with line endings normalized to LF, as lowercase hex, so a
    /// checkout that converts line endings does not look like a changed script. Computed from
    /// <see cref="Contents"/> on each read, so a copy made with <c>with</c> never carries a stale value.
    /// </summary>
    public string Checksum => ComputeChecksum(Contents);

    private static string ComputeChecksum(string contents)
    {
        var text = contents.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
