namespace Gyre.Cli.Secrets;

/// <summary>The deploy key algorithms of `--ssh-key-algorithm`, as flux's (ecdsa by default).</summary>
internal enum SshKeyAlgorithm
{
    Ecdsa,
    Rsa,
    Ed25519,
}
