using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>
/// spec.waitStrategy.name (Flux 2.8): how a release's objects are waited for. poller (the default) is kstatus, as
/// Helm 4 waits; legacy is Helm 3's readiness rules (ready Pods, Deployments' minimum ready replicas, bound PVCs,
/// Services with an IP, completed Jobs).
/// </summary>
public static class WaitStrategy
{
    public const string Poller = "poller";
    public const string Legacy = "legacy";

    internal static string Read(SpecReader reader, JsonObject spec)
    {
        var name = SpecReader.String(spec["waitStrategy"]?["name"]) is { Length: > 0 } n ? n : Poller;
        return name is Poller or Legacy
            ? name
            : throw new ApiException(reader.Where, "spec.waitStrategy.name", $"'{name}' is not poller or legacy");
    }
}
