namespace Gyre.Controllers.Bench;

/// <summary>The two runs and the worker counts Flux's published benchmark used (kustomize-controller 20, helm-controller 10).</summary>
internal static class BenchMode
{
    public const string Kustomizations = "kustomizations";
    public const string HelmReleases = "helmreleases";

    public static int DefaultConcurrent(string mode) => mode == Kustomizations ? 20 : 10;
}
