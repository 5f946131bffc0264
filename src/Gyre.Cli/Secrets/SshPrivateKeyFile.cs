using System.Security.Cryptography;
using System.Text;
using Gyre.Cli.Flux;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Gyre.Cli.Secrets;

/// <summary>
/// A user's private key file (--private-key-file) and the public key derived from it: OpenSSH's format (the public
/// key is in its clear header, so an encrypted key needs no decryption for that) or PEM (PKCS#1, SEC1 or PKCS#8,
/// encrypted PKCS#8 opened with the passphrase).
/// </summary>
internal static class SshPrivateKeyFile
{
    public static async Task<(byte[] PrivateKey, string PublicKeyLine)> ReadAsync(string path, string? passphrase, string where, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"{where}: --private-key-file {path}: cannot read it: {ex.Message}", ExitCodes.Usage);
        }

        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            var wire = text.Contains("-----BEGIN OPENSSH PRIVATE KEY-----", StringComparison.Ordinal) ? OpenSsh(text, passphrase, path, where) : Pem(text, passphrase);
            return (bytes, new SshReader(wire, where).Text() + " " + Convert.ToBase64String(wire) + "\n");
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new CommandException($"{where}: --private-key-file {path}: not a private key Gyre can read ({ex.Message}); " +
                "use an OpenSSH or PEM key (e.g. `ssh-keygen -t ecdsa -f key`), and --password for an encrypted one", ExitCodes.Usage);
        }
    }

    private static byte[] OpenSsh(string text, string? passphrase, string path, string where)
    {
        var body = text.Split("-----", StringSplitOptions.RemoveEmptyEntries)[1];
        var reader = new SshReader(Convert.FromBase64String(body), where);
        if (Encoding.ASCII.GetString(reader.Raw(15)) != "openssh-key-v1\0")
        {
            throw new FormatException("bad OpenSSH key header");
        }

        var cipher = reader.Text();
        reader.Bytes();
        reader.Bytes();
        if (reader.UInt32() != 1)
        {
            throw new FormatException("only single-key files are supported");
        }

        if (cipher != "none" && string.IsNullOrEmpty(passphrase))
        {
            throw new CommandException($"{where}: --private-key-file {path}: the key is encrypted; pass its passphrase with --password", ExitCodes.Usage);
        }

        return reader.Bytes();
    }

    private static byte[] Pem(string text, string? passphrase)
    {
        using (var rsa = RSA.Create())
        {
            if (TryImport(rsa, text, passphrase))
            {
                var p = rsa.ExportParameters(false);
                return new SshWriter().String("ssh-rsa").MpInt(p.Exponent).MpInt(p.Modulus).ToArray();
            }
        }

        using (var ecdsa = ECDsa.Create())
        {
            if (TryImport(ecdsa, text, passphrase))
            {
                var p = ecdsa.ExportParameters(false);
                var name = p.Q.X!.Length switch { 32 => "nistp256", 48 => "nistp384", 66 => "nistp521", _ => throw new FormatException("unsupported ECDSA curve") };
                return new SshWriter().String("ecdsa-sha2-" + name).String(name).String([0x04, .. p.Q.X, .. p.Q.Y!]).ToArray();
            }
        }

        if (text.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new FormatException("it is encrypted and does not open with the --password given");
        }

        var der = Convert.FromBase64String(string.Concat(text.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim())));
        return PrivateKeyFactory.CreateKey(der) is Ed25519PrivateKeyParameters ed25519
            ? new SshWriter().String("ssh-ed25519").String(ed25519.GeneratePublicKey().GetEncoded()).ToArray()
            : throw new FormatException("unsupported key type");
    }

    private static bool TryImport(AsymmetricAlgorithm key, string text, string? passphrase)
    {
        try
        {
            if (text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
            {
                key.ImportFromEncryptedPem(text, passphrase ?? "");
            }
            else
            {
                key.ImportFromPem(text);
            }

            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
