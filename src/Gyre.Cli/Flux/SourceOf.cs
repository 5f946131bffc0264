using System.Text.Json.Nodes;

namespace Gyre.Cli.Flux;

/// <summary>The source object a Kustomization or HelmRelease reads from, as flux's --with-source and trace find it.</summary>
internal static class SourceOf
{
    public static (FluxKind Kind, string Namespace, string Name)? Find(JsonObject obj, FluxKind kind)
    {
        var ns = FluxObject.Namespace(obj);
        if (kind == FluxKinds.Kustomization)
        {
            return Reference(obj["spec"]?["sourceRef"] as JsonObject, ns);
        }

        if (kind == FluxKinds.HelmChart)
        {
            // A HelmChart's sourceRef is always in its own namespace; the kind defaults to nothing, so it must be set.
            return obj["spec"]?["sourceRef"] is JsonObject { } chartSource && (string?)chartSource["kind"] is not null
                ? Reference(chartSource, ns)
                : null;
        }

        if (kind != FluxKinds.HelmRelease)
        {
            return null;
        }

        if (Reference(obj["spec"]?["chartRef"] as JsonObject, ns) is { } chartRef)
        {
            return chartRef;
        }

        // A chart template makes helm-controller create a HelmChart named <hrNs>-<hrName> in the source's namespace.
        if ((string?)obj["status"]?["helmChart"] is { } helmChart && helmChart.Split('/', 2) is [var chartNs, var chartName])
        {
            return (FluxKinds.HelmChart, chartNs, chartName);
        }

        var sourceNs = (string?)obj["spec"]?["chart"]?["spec"]?["sourceRef"]?["namespace"] ?? ns;
        return obj["spec"]?["chart"] is null ? null : (FluxKinds.HelmChart, sourceNs, ns + "-" + FluxObject.Name(obj));
    }

    private static (FluxKind, string, string)? Reference(JsonObject? reference, string ns)
    {
        if (reference is null || (string?)reference["name"] is not { } name)
        {
            return null;
        }

        var kind = FluxKinds.ByKind((string?)reference["kind"] ?? "GitRepository");
        return kind is null ? null : (kind, (string?)reference["namespace"] ?? ns, name);
    }
}
