namespace Gyre.Sops.Age;

/// <summary>An age X25519 recipient (age1…).</summary>
public sealed record AgeRecipient
{
    private AgeRecipient(byte[] publicKey, string text)
    {
        PublicKey = publicKey;
        Text = text;
    }

    public byte[] PublicKey { get; }

    /// <summary>The age1… form.</summary>
    public string Text { get; }

    public static AgeRecipient Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var (hrp, data) = Bech32.Decode(text.Trim());
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

    internal static AgeRecipient FromPublicKey(byte[] publicKey) => new(publicKey, Bech32.Encode("age", publicKey));

    public bool Equals(AgeRecipient? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
