using System.Security.Cryptography;
using System.Text;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// The receiver's URL path, exactly as Flux computes it (Receiver.GetWebhookPath):
/// <c>/hook/</c> + lowercase hex of SHA-256(token + name + namespace). Knowing the path means knowing the token.
/// </summary>
public static class WebhookPath
{
    public const string Prefix = "/hook/";

    public static string For(string token, string name, string ns)
    {
        ArgumentNullException.ThrowIfNull(token);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token + name + ns));
        return Prefix + Convert.ToHexStringLower(digest);
    }
}
