using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace Gyre.Sops.Pgp;

/// <summary>Decrypts and encrypts sops data keys as armored OpenPGP messages with BouncyCastle.</summary>
internal static class PgpDataKey
{
    /// <summary>Returns the data key, or null when none of the keys can open the message.</summary>
    public static byte[]? TryDecrypt(string armoredMessage, PgpKeys keys)
    {
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(armoredMessage)));
            var factory = new PgpObjectFactory(input);
            var first = factory.NextPgpObject();
            var list = first as PgpEncryptedDataList ?? (PgpEncryptedDataList)factory.NextPgpObject();
            foreach (var encrypted in list.GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>())
            {
                var secret = keys.FindSecretKey(encrypted.KeyId);
                if (secret is null)
                {
                    continue;
                }

                var privateKey = ExtractPrivateKey(secret);
                using var clear = encrypted.GetDataStream(privateKey);
                var data = ReadLiteral(new PgpObjectFactory(clear));
                if (encrypted.IsIntegrityProtected() && !encrypted.Verify())
                {
                    throw new SopsException("pgp: integrity check failed: the encrypted data key was tampered with");
                }

                return data;
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or PgpException or InvalidCastException)
        {
            throw new SopsException("pgp: could not read the encrypted data key: " + ex.Message, innerException: ex);
        }
    }

    /// <summary>Encrypts the data key to one public key and returns the armored message, as gpg --encrypt --armor.</summary>
    public static string Encrypt(byte[] dataKey, PgpPublicKey publicKey)
    {
        var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, withIntegrityPacket: true, new SecureRandom());
        generator.AddMethod(publicKey);
        using var buffer = new MemoryStream();
        using (var armor = ArmoredOutputStream.Build().ClearHeaders().EnableCrc(true).Build(buffer))
        {
            using var encrypted = generator.Open(armor, new byte[1 << 12]);
            var literal = new PgpLiteralDataGenerator();
            using var data = literal.Open(encrypted, PgpLiteralData.Binary, string.Empty, dataKey.Length, DateTime.UnixEpoch);
            data.Write(dataKey, 0, dataKey.Length);
        }

        return System.Text.Encoding.ASCII.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static PgpPrivateKey ExtractPrivateKey(PgpSecretKey secret)
    {
        try
        {
            return secret.ExtractPrivateKey([]);
        }
        catch (PgpException ex)
        {
            throw new SopsException($"pgp: the secret key {secret.KeyId:X16} is protected by a passphrase; Gyre only uses passphrase-less keys, as Flux does", innerException: ex);
        }
    }

    private static byte[] ReadLiteral(PgpObjectFactory factory)
    {
        var next = factory.NextPgpObject();
        if (next is PgpCompressedData compressed)
        {
            next = new PgpObjectFactory(compressed.GetDataStream()).NextPgpObject();
        }

        if (next is not PgpLiteralData literal)
        {
            throw new SopsException("pgp: the encrypted data key holds no literal data");
        }

        using var output = new MemoryStream();
        literal.GetInputStream().CopyTo(output);
        return output.ToArray();
    }
}
