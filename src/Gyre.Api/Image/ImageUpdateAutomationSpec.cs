using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Image;

/// <summary>image.toolkit.fluxcd.io/v1 ImageUpdateAutomation spec (v1beta2 reads the same).</summary>
public sealed record ImageUpdateAutomationSpec
{
    public const string Group = "image.toolkit.fluxcd.io";
    public const string ApiVersion = "image.toolkit.fluxcd.io/v1";
    public const string Kind = "ImageUpdateAutomation";

    public required TimeSpan Interval { get; init; }

    /// <summary>sourceRef.name (kind is always GitRepository).</summary>
    public required string SourceName { get; init; }

    /// <summary>sourceRef.namespace (null: the automation's namespace).</summary>
    public string? SourceNamespace { get; init; }

    /// <summary>git.checkout.ref; null means the GitRepository's spec.ref.</summary>
    public GitCheckoutRef? CheckoutRef { get; init; }

    public string AuthorName { get; init; } = "";

    public required string AuthorEmail { get; init; }

    /// <summary>git.commit.signingKey.secretRef.name.</summary>
    public string? SigningKeySecret { get; init; }

    public string? MessageTemplate { get; init; }

    public IReadOnlyDictionary<string, string> MessageTemplateValues { get; init; } = new Dictionary<string, string>();

    public string? PushBranch { get; init; }

    public string? PushRefspec { get; init; }

    public IReadOnlyDictionary<string, string> PushOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>policySelector, a metav1.LabelSelector (null: every ImagePolicy in the namespace).</summary>
    public JsonObject? PolicySelector { get; init; }

    /// <summary>update.strategy (only Setters exists).</summary>
    public string UpdateStrategy { get; init; } = "Setters";

    /// <summary>update.path (null: the repository root).</summary>
    public string? UpdatePath { get; init; }

    public bool Suspend { get; init; }

    /// <summary>Reads and validates spec; a missing or malformed field is an <see cref="ApiException"/> naming it.</summary>
    public static ImageUpdateAutomationSpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var source = spec["sourceRef"] as JsonObject ?? throw new ApiException(reader.Where, "spec.sourceRef", "is required");
        var kind = SpecReader.String(source["kind"]) ?? "GitRepository";
        if (kind != "GitRepository")
        {
            throw new ApiException(reader.Where, "spec.sourceRef.kind", $"'{kind}' is not supported; only GitRepository");
        }

        var git = spec["git"] as JsonObject ?? [];
        var commit = git["commit"] as JsonObject ?? throw new ApiException(reader.Where, "spec.git.commit", "is required");
        var author = commit["author"] as JsonObject ?? throw new ApiException(reader.Where, "spec.git.commit.author", "is required");
        var push = git["push"] as JsonObject;
        var reference = git["checkout"]?["ref"] as JsonObject;
        return new ImageUpdateAutomationSpec
        {
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            SourceName = reader.Required(source, "name", "spec.sourceRef.name"),
            SourceNamespace = SpecReader.String(source["namespace"]),
            CheckoutRef = reference is null ? null : new GitCheckoutRef(
                SpecReader.String(reference["branch"]), SpecReader.String(reference["tag"]), SpecReader.String(reference["semver"]),
                SpecReader.String(reference["name"]), SpecReader.String(reference["commit"])),
            AuthorName = SpecReader.String(author["name"]) ?? "",
            AuthorEmail = reader.Required(author, "email", "spec.git.commit.author.email"),
            SigningKeySecret = SpecReader.String(commit["signingKey"]?["secretRef"]?["name"]),
            MessageTemplate = SpecReader.String(commit["messageTemplate"]),
            MessageTemplateValues = SpecReader.StringMap(commit["messageTemplateValues"]),
            PushBranch = SpecReader.String(push?["branch"]),
            PushRefspec = SpecReader.String(push?["refspec"]),
            PushOptions = SpecReader.StringMap(push?["options"]),
            PolicySelector = spec["policySelector"] as JsonObject,
            UpdateStrategy = SpecReader.String(spec["update"]?["strategy"]) ?? "Setters",
            UpdatePath = SpecReader.String(spec["update"]?["path"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
        };
    }
}
