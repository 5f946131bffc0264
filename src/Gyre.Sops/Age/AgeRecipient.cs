namespace Gyre.Sops.Age;

/// <summary>An age recipient: X25519 (age1…, 32 bytes) or post-quantum MLKEM768-X25519 (age1pq1…, 1216 bytes).</summary>
public sealed record AgeRecipient
{
    private const string PostQuantumHrp = "age1pq";

    private AgeRecipient(byte[] publicKey, string text)
    {
        PublicKey = publicKey;
        Text = text;
    }

    public byte[] PublicKey { get; }

    /// <summary>True for a hybrid post-quantum recipient (age1pq1…), whose files carry mlkem768x25519 stanzas.</summary>
    public bool IsPostQuantum => PublicKey.Length == MlKem768X25519.PublicKeySize;

    /// <summary>The age1… form.</summary>
    public string Text { get; }

    public static AgeRecipient Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var (hrp, data) = Bech32.Decode(text.Trim());
            if (string.Equals(hrp, PostQuantumHrp, StringComparison.Ordinal))
            {
                if (data.Length != MlKem768X25519.PublicKeySize)
                {
                    throw new SopsException($"malformed age recipient '{text}': expected age1pq1 followed by {MlKem768X25519.PublicKeySize} bytes");
                }

                if (!MlKem768X25519.IsValidPublicKey(data))
                {
                    throw new SopsException($"malformed age recipient '{text}': not a valid ML-KEM-768 encapsulation key");
                }

                return new AgeRecipient(data, text.Trim());
            }

            if (!string.Equals(hrp, "age", StringComparison.Ordinal) || data.Length != 32)
            {
                throw new SopsException($"malformed age recipient '{text}': expected age1 followed by 32 bytes");
            }

            return new AgeRecipient(data, text.Trim());
        }
        catch (FormatException ex)
        {
            throw new SopsException($"malformed age recipient '{text}': {ex.Message}", innerException: ex);
        }
    }

    internal static AgeRecipient FromPublicKey(byte[] publicKey) =>
        new(publicKey, Bech32.Encode(publicKey.Length == MlKem768X25519.PublicKeySize ? PostQuantumHrp : "age", publicKey));

    public bool Equals(AgeRecipient? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
