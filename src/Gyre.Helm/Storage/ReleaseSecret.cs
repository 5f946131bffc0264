using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gyre.Helm.Storage;

/// <summary>
/// Helm 3's Secret storage driver (pkg/storage/driver/secrets.go): a release revision is the Secret
/// <c>sh.helm.release.v1.&lt;name&gt;.v&lt;version&gt;</c> of type <c>helm.sh/release.v1</c>, labelled owner=helm, name,
/// status, version (and createdAt / modifiedAt), holding the encoded release under data.release. The driver stores
/// the base64 text as the Secret's bytes, so the API's data field base64-encodes it once more.
/// </summary>
public static class ReleaseSecret
{
    public const string Type = "helm.sh/release.v1";
    public const string Prefix = "sh.helm.release.v1.";

    private static readonly HashSet<string> SystemLabels = new(StringComparer.Ordinal) { "name", "owner", "status", "version", "createdAt", "modifiedAt" };

    public static string NameOf(string releaseName, int version) =>
        Prefix + releaseName + ".v" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The label selector listing every revision of a release (Helm's History query).</summary>
    public static string SelectorFor(string releaseName) => "owner=helm,name=" + releaseName;

    /// <summary>The Secret for a revision; <paramref name="modifiedAt"/> is set when Helm updates an existing one.</summary>
    public static JsonObject ToSecret(Release release, DateTimeOffset createdAt, DateTimeOffset? modifiedAt = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        var labels = new JsonObject();
        foreach (var (key, value) in release.Labels.Where(l => !SystemLabels.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            labels[key] = value;
        }

        labels["createdAt"] = createdAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (modifiedAt is { } modified)
        {
            labels["modifiedAt"] = modified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        labels["name"] = release.Name;
        labels["owner"] = "helm";
        labels["status"] = release.Info.Status;
        labels["version"] = release.Version.ToString(CultureInfo.InvariantCulture);
        var encoded = ReleaseCodec.Encode(release);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = release.Key, ["namespace"] = release.Namespace, ["labels"] = labels },
            ["type"] = Type,
            ["data"] = new JsonObject { ["release"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(encoded)) },
        };
    }

    /// <summary>Reads a release Secret as returned by the API server; custom labels come back in <see cref="Release.Labels"/>.</summary>
    public static Release FromSecret(JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = (string?)secret["metadata"]?["name"] ?? "(unnamed)";
        if ((string?)secret["type"] is { } type && type != Type)
        {
            throw new ReleaseStorageException(key, $"the Secret has type {type}, not {Type}");
        }

        if (secret["data"]?["release"] is not JsonValue data || !data.TryGetValue<string>(out var outer))
        {
            throw new ReleaseStorageException(key, "the Secret has no data.release");
        }

        string encoded;
        try
        {
            encoded = Encoding.ASCII.GetString(Convert.FromBase64String(outer));
        }
        catch (FormatException ex)
        {
            throw new ReleaseStorageException(key, "data.release is not base64", ex);
        }

        var release = ReleaseCodec.Decode(encoded, key);
        var labels = (secret["metadata"]?["labels"] as JsonObject ?? [])
            .Where(p => !SystemLabels.Contains(p.Key) && p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal);
        return release with { Labels = labels };
    }
}
