using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Source;

/// <summary>source.toolkit.fluxcd.io/v1 GitRepository spec (v1beta2 reads the same).</summary>
public sealed record GitRepositorySpec
{
    public const string Group = "source.toolkit.fluxcd.io";
    public const string Kind = "GitRepository";

    public required string Url { get; init; }

    public required TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? Branch { get; init; }

    public string? Tag { get; init; }

    public string? Semver { get; init; }

    public string? RefName { get; init; }

    public string? Commit { get; init; }

    public string? SecretRef { get; init; }

    public string? Ignore { get; init; }

    public bool Suspend { get; init; }

    public bool RecurseSubmodules { get; init; }

    public IReadOnlyList<string> SparseCheckout { get; init; } = [];

    /// <summary>proxySecretRef.name: address, username, password.</summary>
    public string? ProxySecretRef { get; init; }

    public IReadOnlyList<GitRepositoryInclude> Include { get; init; } = [];

    /// <summary>verify.mode (HEAD, head, Tag or TagAndHEAD) when spec.verify is set.</summary>
    public string? VerifyMode { get; init; }

    /// <summary>verify.secretRef.name: the trusted keys (*.asc, *.sshpub).</summary>
    public string? VerifySecretRef { get; init; }

    /// <summary>Reads and validates spec; a missing or malformed field is an <see cref="ApiException"/> naming it.</summary>
    public static GitRepositorySpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var reference = spec["ref"] as System.Text.Json.Nodes.JsonObject ?? [];
        var url = reader.Required(spec, "url", "spec.url");
        if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal)
            && !url.StartsWith("ssh://", StringComparison.Ordinal) && !url.StartsWith("file://", StringComparison.Ordinal))
        {
            throw new ApiException(reader.Where, "spec.url", $"'{url}' must start with http://, https:// or ssh://");
        }

        var verify = spec["verify"] as System.Text.Json.Nodes.JsonObject;
        var verifyMode = verify is null ? null : SpecReader.String(verify["mode"]) ?? "HEAD";
        if (verifyMode is not (null or "HEAD" or "head" or "Tag" or "TagAndHEAD"))
        {
            throw new ApiException(reader.Where, "spec.verify.mode", $"'{verifyMode}' is not one of HEAD, Tag, TagAndHEAD");
        }

        var include = SpecReader.Objects(spec["include"]).Select((entry, i) => new GitRepositoryInclude(
            SpecReader.String(entry["repository"]?["name"]) ?? throw new ApiException(reader.Where, $"spec.include[{i}].repository.name", "is required"),
            SpecReader.String(entry["fromPath"]) ?? "",
            SpecReader.String(entry["toPath"]))).ToList();
        return new GitRepositorySpec
        {
            Url = url,
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            Timeout = reader.Duration(spec, "timeout", "spec.timeout") ?? TimeSpan.FromSeconds(60),
            Branch = SpecReader.String(reference["branch"]),
            Tag = SpecReader.String(reference["tag"]),
            Semver = SpecReader.String(reference["semver"]),
            RefName = SpecReader.String(reference["name"]),
            Commit = SpecReader.String(reference["commit"]),
            SecretRef = SpecReader.String(spec["secretRef"]?["name"]),
            Ignore = SpecReader.String(spec["ignore"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
            RecurseSubmodules = SpecReader.Bool(spec["recurseSubmodules"]),
            SparseCheckout = SpecReader.Strings(spec["sparseCheckout"]),
            ProxySecretRef = SpecReader.String(spec["proxySecretRef"]?["name"]),
            Include = include,
            VerifyMode = verifyMode,
            VerifySecretRef = verify is null ? null
                : SpecReader.String(verify["secretRef"]?["name"]) ?? throw new ApiException(reader.Where, "spec.verify.secretRef.name", "is required"),
        };
    }
}
