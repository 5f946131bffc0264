using System.Security.Cryptography;
using System.Text;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// Compares a presented secret with the expected one in constant time: both are hashed first, so neither the
/// contents nor the length of the token leak through timing (Go's hmac.Equal leaks the length).
/// </summary>
internal static class SecretComparison
{
    public static bool Equal(string? presented, string expected) =>
        presented is not null && Equal(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    public static bool Equal(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(expected));
}
