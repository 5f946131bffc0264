using System.Text;
using System.Text.Json;
using Gyre.Sops.Age;
using Gyre.Sops.Pgp;

namespace Gyre.Sops.Tests;

/// <summary>The real-sops vectors in testdata/vectors, their keys and their expected plaintext.</summary>
internal static class Vectors
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata");

    public static string VectorPath(string relative) => Path.Combine(Root, "vectors", relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(VectorPath(relative));

    public static string Key(string name) => Path.Combine(Root, "vectors", "keys", name);

    /// <summary>Every encrypted vector the README verified (those with a .decrypted.json and the file beside it).</summary>
    public static IEnumerable<string> Verified() =>
        Directory.EnumerateFiles(Path.Combine(Root, "vectors"), "*.decrypted.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Path.Combine(Root, "vectors"), p[..^".decrypted.json".Length]).Replace('\\', '/'))
            .Where(p => File.Exists(VectorPath(p)))
            .Order(StringComparer.Ordinal);

    public static JsonElement Decrypted(string relative) =>
        JsonDocument.Parse(File.ReadAllText(VectorPath(relative) + ".decrypted.json")).RootElement;

    public static string? Expected(string relative)
    {
        var path = Path.Combine(Root, "expected", relative + ".plain");
        return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
    }

    public static SopsKeyring AgeOnly(params string[] keyFiles) => new()
    {
        AgeIdentities = keyFiles.SelectMany(k => AgeIdentity.ParseKeys(File.ReadAllText(Key(k)))).ToList(),
    };

    public static SopsKeyring PgpOnly(params string[] keyFiles) => new()
    {
        Pgp = PgpKeys.Combine(keyFiles.Select(k => PgpKeys.Read(File.ReadAllBytes(Key(k))))),
    };

    public static SopsKeyring All() => new()
    {
        AgeIdentities = AgeOnly("flux-age.txt", "flux-age-global.txt", "helm-secrets-age-key.txt", "sops-age-keys.txt").AgeIdentities,
        Pgp = PgpOnly("sops_functional_tests_key.asc", "flux-pgp.asc", "sops-nix-key.asc", "helm-secrets-private.gpg", "helm-secrets-private2.gpg").Pgp,
    };
}
