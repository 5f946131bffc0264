namespace Gyre.Sops.Age;

/// <summary>
/// The mlkem768x25519 recipient stanza of age v1.3 (c2sp.org/age): HPKE SealBase of the file key to an MLKEM768-X25519
/// public key with info "age-encryption.org/mlkem768x25519". Arguments: the type and the base64 encapsulation (1120
/// bytes); body: the 32-byte HPKE ciphertext.
/// </summary>
internal static class AgeHybridStanza
{
    public const string Type = "mlkem768x25519";
    private const string Info = "age-encryption.org/mlkem768x25519";

    public static (string Type, string[] Arguments, byte[] Body) Wrap(byte[] fileKey, AgeRecipient recipient)
    {
        var (encapsulation, body) = HybridHpke.Seal(recipient.PublicKey, Info, fileKey);
        return (Type, [AgeFile.Base64Raw(encapsulation)], body);
    }

    /// <summary>The file key, or null when the stanza was not made for this identity.</summary>
    public static byte[]? Unwrap(AgeStanza stanza, MlKem768X25519 key)
    {
        if (stanza.Arguments.Count != 1)
        {
            throw new SopsException("age: invalid mlkem768x25519 recipient stanza: expected one argument");
        }

        var encapsulation = AgeFile.FromBase64Raw(stanza.Arguments[0]);
        if (encapsulation.Length != MlKem768X25519.CiphertextSize)
        {
            throw new SopsException("age: invalid mlkem768x25519 recipient stanza: the encapsulated key is not 1120 bytes");
        }

        // The body length is checked before any decryption, as the spec asks (partitioning oracles).
        if (stanza.Body.Length != 16 + ChaChaPoly.TagSize)
        {
            throw new SopsException("age: invalid mlkem768x25519 recipient stanza: the body is not 32 bytes");
        }

        return HybridHpke.Open(key, encapsulation, Info, stanza.Body);
    }
}
