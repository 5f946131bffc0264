namespace Gyre.Sops;

/// <summary>A seam for OpenPGP outside the process (the `gpg` binary, its keyring and agent), as sops uses by default.</summary>
public interface IPgpDecrypter
{
    /// <summary>Decrypts the armored message holding a data key; null when this keyring has no matching secret key.</summary>
    byte[]? TryDecrypt(string fingerprint, string armoredMessage);

    /// <summary>Encrypts a data key to the public key with this fingerprint; null when the keyring does not have it.</summary>
    string? TryEncrypt(string fingerprint, byte[] dataKey);
}
