using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gyre.Sops.Tests;

/// <summary>
/// An independent checker written from the vectors README (not from Gyre's code): AES-256-GCM with the 32-byte iv as
/// nonce and the tag appended, the path joined with ':' plus ':' as AAD, and the MAC as upper-case hex SHA-512 over the
/// values' bytes in document order (seeded with sha256("sops") when mac_only_encrypted). The data key comes from
/// Debian's `age -d`.
/// </summary>
internal static partial class SopsOracle
{
    public static string DecryptValue(string enc, byte[] key, string aad)
    {
        var match = EncValue().Match(enc);
        Assert.True(match.Success, "not an ENC value: " + enc);
        var data = Convert.FromBase64String(match.Groups["data"].Value);
        var tag = Convert.FromBase64String(match.Groups["tag"].Value);
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(false, new AeadParameters(new KeyParameter(key), 128, Convert.FromBase64String(match.Groups["iv"].Value), Encoding.UTF8.GetBytes(aad)));
        var input = data.Concat(tag).ToArray();
        var output = new byte[gcm.GetOutputSize(input.Length)];
        var length = gcm.ProcessBytes(input, 0, input.Length, output, 0);
        length += gcm.DoFinal(output, length);
        return Encoding.UTF8.GetString(output, 0, length);
    }

    /// <summary>Every ENC[…] value of a YAML file in document order, without the metadata's MAC.</summary>
    public static List<string> EncryptedValues(string yaml) =>
        EncValue().Matches(yaml[..yaml.IndexOf("\nsops:\n", StringComparison.Ordinal)]).Select(m => m.Value).ToList();

    /// <summary>The data key: the first age stanza of a YAML file opened with `age -d` and the given identity file.</summary>
    public static byte[] DataKey(string yaml, string identityFile)
    {
        var lines = yaml.Split('\n').Select(l => l.Trim()).ToList();
        var begin = lines.IndexOf("-----BEGIN AGE ENCRYPTED FILE-----");
        var end = lines.IndexOf("-----END AGE ENCRYPTED FILE-----");
        var armored = string.Join('\n', lines.GetRange(begin, end - begin + 1)) + "\n";
        return AgeCli.Run("age", ["-d", "-i", identityFile], Encoding.ASCII.GetBytes(armored));
    }

    public static string Mac(IEnumerable<string> inputs, bool macOnlyEncrypted)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        if (macOnlyEncrypted)
        {
            sha.AppendData(SHA256.HashData("sops"u8));
        }

        foreach (var input in inputs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(input));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The stored MAC of a YAML file, decrypted with its lastmodified as AAD.</summary>
    public static string StoredMac(string yaml, byte[] key)
    {
        var lastModified = Regex.Match(yaml, "\n    lastmodified: \"(?<t>[^\"]+)\"\n").Groups["t"].Value;
        var mac = Regex.Match(yaml, "\n    mac: (?<m>ENC\\[[^\\]]+\\])\n").Groups["m"].Value;
        return DecryptValue(mac, key, lastModified);
    }

    [GeneratedRegex(@"ENC\[AES256_GCM,data:(?<data>[^,]*),iv:(?<iv>[^,]*),tag:(?<tag>[^,]*),type:(?<type>[^\]]*)\]")]
    private static partial Regex EncValue();
}
