using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// Bearer-token authentication. Only SHA-256 digests of tokens are kept (DIR/tokens.json), so the file does not
/// leak credentials and lookups do not compare secrets byte by byte.
/// </summary>
internal sealed class TokenAuthenticator
{
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserInfo> _byDigest = new(StringComparer.Ordinal);

    public TokenAuthenticator(string path)
    {
        _path = path;
        if (File.Exists(path))
        {
            foreach (var entry in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
            {
                var groups = entry!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ToList();
                _byDigest[entry["digest"]!.GetValue<string>()] = new UserInfo(entry["user"]!.GetValue<string>(), groups);
            }
        }
    }

    public UserInfo? Authenticate(string token)
    {
        var digest = Digest(token);
        lock (_gate)
        {
            return _byDigest.TryGetValue(digest, out var user) ? user : null;
        }
    }

    /// <summary>Creates a new random token for the identity and persists its digest.</summary>
    public string Mint(UserInfo user)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            _byDigest[Digest(token)] = user with { Groups = [.. user.Groups.Append("system:authenticated").Distinct()] };
            Save();
        }

        return token;
    }

    private static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void Save()
    {
        var array = new JsonArray();
        foreach (var (digest, user) in _byDigest)
        {
            array.Add(new JsonObject
            {
                ["digest"] = digest,
                ["user"] = user.Name,
                ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)JsonValue.Create(g))]),
            });
        }

        var tmp = _path + ".tmp";
        File.WriteAllText(tmp, array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, _path, true);
    }
}
