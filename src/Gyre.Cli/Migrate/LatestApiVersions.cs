namespace Gyre.Cli.Migrate;

/// <summary>
/// The latest apiVersion of every Flux kind per Flux minor version, as `flux migrate --version` selects them. Gyre
/// serves the newest set; the older sets are for repositories still deployed to clusters running an older Flux.
/// </summary>
internal static class LatestApiVersions
{
    private const string Source = "source.toolkit.fluxcd.io";
    private const string Image = "image.toolkit.fluxcd.io";

    /// <summary>The Flux minor versions a migration can target, newest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["2.9", "2.8", "2.7", "2.6"];

    public static IReadOnlyDictionary<(string Group, string Kind), string>? For(string fluxVersion) => fluxVersion switch
    {
        "2.9" or "2.8" or "2.7" => Build("v1"),
        "2.6" => Build("v1beta2"),
        _ => null,
    };

    // From 2.7 on the image kinds are v1; everything else has been the same since 2.6.
    private static Dictionary<(string Group, string Kind), string> Build(string imageVersion) => new()
    {
        [(Source, "Bucket")] = "v1",
        [(Source, "GitRepository")] = "v1",
        [(Source, "OCIRepository")] = "v1",
        [(Source, "HelmRepository")] = "v1",
        [(Source, "HelmChart")] = "v1",
        [(Source, "ExternalArtifact")] = "v1",
        [("kustomize.toolkit.fluxcd.io", "Kustomization")] = "v1",
        [("helm.toolkit.fluxcd.io", "HelmRelease")] = "v2",
        [("notification.toolkit.fluxcd.io", "Receiver")] = "v1",
        [("notification.toolkit.fluxcd.io", "Alert")] = "v1beta3",
        [("notification.toolkit.fluxcd.io", "Provider")] = "v1beta3",
        [(Image, "ImageRepository")] = imageVersion,
        [(Image, "ImagePolicy")] = imageVersion,
        [(Image, "ImageUpdateAutomation")] = imageVersion,
    };
}
