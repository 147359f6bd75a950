using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BookData.Web.Security;

/// <summary>
/// The editor key that every write needs. Candidates are compared in constant time: both sides are
/// hashed to SHA-256 first, so neither the key's length nor its content leaks through timing.
/// </summary>
public sealed class EditorKey
{
    private readonly byte[] hash;

    private EditorKey(string value, bool isGenerated)
    {
        Value = value;
        IsGenerated = isGenerated;
        hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Whether the key was generated at startup because none was configured.</summary>
    public bool IsGenerated { get; }

    /// <summary>The key itself; logged once when it was generated, never written anywhere else.</summary>
    internal string Value { get; }

    /// <summary>Uses the configured key, or generates a random 256-bit one when none is configured.</summary>
    /// <param name="configured">The value of <c>BookData:ApiKey</c>, or <see langword="null"/>.</param>
    /// <returns>The key.</returns>
    public static EditorKey FromConfiguration(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? new EditorKey(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), isGenerated: true)
            : new EditorKey(configured, isGenerated: false);

    /// <summary>Whether <paramref name="candidate"/> is the key, compared in constant time.</summary>
    /// <param name="candidate">The key a client sent; <see langword="null"/> or empty never matches.</param>
    /// <returns><see langword="true"/> when it is the key.</returns>
    public bool Matches(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        Span<byte> candidateHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), candidateHash);
        return CryptographicOperations.FixedTimeEquals(candidateHash, hash);
    }
}
