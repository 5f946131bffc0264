using System.Text;

namespace Gyre.Sops.Age;

/// <summary>age's ASCII armor: strict PEM-like framing with 64-column standard base64 lines, as sops stores age stanzas.</summary>
public static class AgeArmor
{
    private const string Begin = "-----BEGIN AGE ENCRYPTED FILE-----";
    private const string End = "-----END AGE ENCRYPTED FILE-----";

    public static bool IsArmored(ReadOnlySpan<byte> data)
    {
        var trimmed = data.TrimStart(" \t\r\n"u8);
        return trimmed.StartsWith(Encoding.ASCII.GetBytes(Begin));
    }

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var base64 = Convert.ToBase64String(data);
        var text = new StringBuilder(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += 64)
        {
            text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }

        return text.Append(End).Append('\n').ToString();
    }

    public static byte[] Decode(string armored)
    {
        ArgumentNullException.ThrowIfNull(armored);
        var text = armored.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!text.StartsWith(Begin, StringComparison.Ordinal) || !text.EndsWith(End, StringComparison.Ordinal))
        {
            throw new SopsException("age: invalid armor: missing BEGIN or END line");
        }

        var body = text[Begin.Length..^End.Length].Replace("\n", string.Empty, StringComparison.Ordinal).Trim();
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException ex)
        {
            throw new SopsException("age: invalid armor: the body is not base64", innerException: ex);
        }
    }
}
