namespace Gyre.Sops;

/// <summary>A seam for OpenPGP outside the process (the `gpg` binary and its agent), as sops uses by default.</summary>
public interface IPgpDecrypter
{
    /// <summary>Decrypts the armored message holding a data key; null when this keyring has no matching secret key.</summary>
    byte[]? TryDecrypt(string fingerprint, string armoredMessage);
}
