using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;

namespace Gyre.Sops.Age;

/// <summary>
/// age's passphrase stanza (`-> scrypt <salt> <log2 N>`): the file key sealed with scrypt(passphrase,
/// "age-encryption.org/v1/scrypt" || salt, N, r=8, p=1). sops reads passphrase-encrypted identity files this way.
/// </summary>
internal static class AgeScrypt
{
    // age's default maximum work factor: higher values would let a file make the reader spin for minutes.
    private const int MaxLogN = 22;

    public static byte[]? Unwrap(AgeStanza stanza, string passphrase)
    {
        if (stanza.Arguments.Count != 2 || stanza.Body.Length != 32)
        {
            throw new SopsException("age: invalid scrypt stanza");
        }

        var salt = AgeFile.FromBase64Raw(stanza.Arguments[0]);
        if (salt.Length != 16 || !int.TryParse(stanza.Arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var logN) || logN is < 1 or > MaxLogN)
        {
            throw new SopsException($"age: invalid scrypt stanza (salt of 16 bytes and a work factor up to {MaxLogN} expected)");
        }

        var key = SCrypt.Generate(Encoding.UTF8.GetBytes(passphrase), [.. "age-encryption.org/v1/scrypt"u8, .. salt], 1 << logN, 8, 1, 32);
        return ChaChaPoly.Open(key, new byte[12], stanza.Body);
    }
}
