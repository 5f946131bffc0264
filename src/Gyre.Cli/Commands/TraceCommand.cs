using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Kube;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre trace KIND/NAME`: from any object to the Kustomization or HelmRelease that applied it (and the ones that
/// applied those), then the source and revision, as `flux trace` does.
/// </summary>
internal static class TraceCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string>("KIND/NAME") { Description = "The object, e.g. deployment/podinfo (or NAME with --kind)" };
        var kind = new Option<string?>("--kind") { Description = "The object's kind, when the argument is only a name" };
        var apiVersion = new Option<string?>("--api-version") { Description = "The object's API version (needed for kinds Gyre does not know, e.g. custom resources)" };
        var command = new Command("trace", """
            Show which Kustomization or HelmRelease manages an object, and from which source and revision

            Examples:
              gyre trace deployment/podinfo -n apps
              gyre trace podinfo --kind Deployment --api-version apps/v1 -n apps
            """)
        {
            target, kind, apiVersion,
        };
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var kindName = slash > 0 ? text[..slash] : parse.GetValue(kind);
            var name = slash > 0 ? text[(slash + 1)..] : text;
            if (kindName is null)
            {
                throw new CommandException($"trace {text}: no kind given; write KIND/NAME (e.g. deployment/{text}) or add --kind", ExitCodes.Usage);
            }

            var known = WellKnownKinds.Find(kindName);
            var version = parse.GetValue(apiVersion) ?? known?.ApiVersion
                ?? throw new CommandException($"trace {text}: unknown kind '{kindName}'; add --api-version, e.g. --api-version example.com/v1", ExitCodes.Usage);
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var resource = await client.ForKindAsync(version, known?.Kind ?? kindName, cancellationToken).ConfigureAwait(false);
            var ns = resource.Resource.Namespaced ? cluster.NamespaceOf(parse) : null;
            JsonObject obj;
            try
            {
                obj = await resource.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                throw new CommandException($"trace {text}: {resource.Resource.Kind} {(ns is null ? string.Empty : ns + "/")}{name} not found; check the name and -n");
            }

            var report = new StringBuilder();
            Section(report, ("Object", $"{resource.Resource.Kind}/{name}"), ("Namespace", ns));
            var manager = ManagerOf(obj);
            if (manager is null)
            {
                report.Append("Status:         Not managed by Flux\n");
                await console.Out.WriteAsync(report.ToString()).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            report.Append("Status:         Managed by Flux\n");
            var first = true;
            for (var seen = new HashSet<string>(); manager is { } m && seen.Add(m.Kind.Kind + m.Namespace + m.Name);)
            {
                var managerResource = await FluxResources.ForAsync(client, m.Kind, cancellationToken).ConfigureAwait(false);
                var managerObj = await FluxResources.GetAsync(managerResource, m.Kind, m.Namespace, m.Name, cancellationToken).ConfigureAwait(false);
                AppendManager(report, m.Kind, managerObj);
                // The source chain: a HelmRelease's HelmChart, then the chart's own source (HelmRepository, GitRepository...).
                for (var next = first ? SourceOf.Find(managerObj, m.Kind) : null; next is { } source;)
                {
                    var sourceResource = await FluxResources.ForAsync(client, source.Kind, cancellationToken).ConfigureAwait(false);
                    var sourceObj = await FluxResources.GetAsync(sourceResource, source.Kind, source.Namespace, source.Name, cancellationToken).ConfigureAwait(false);
                    AppendSource(report, source.Kind, sourceObj);
                    next = source.Kind == FluxKinds.HelmChart ? SourceOf.Find(sourceObj, source.Kind) : null;
                }

                first = false;
                manager = ManagerOf(managerObj);
            }

            await console.Out.WriteAsync(report.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // kustomize-controller labels what it applies with kustomize.toolkit.fluxcd.io/name|namespace, helm-controller with helm.toolkit.fluxcd.io/name|namespace.
    private static (FluxKind Kind, string Namespace, string Name)? ManagerOf(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        if ((string?)labels?["kustomize.toolkit.fluxcd.io/name"] is { } ks && (string?)labels["kustomize.toolkit.fluxcd.io/namespace"] is { } ksNs)
        {
            return (FluxKinds.Kustomization, ksNs, ks);
        }

        if ((string?)labels?["helm.toolkit.fluxcd.io/name"] is { } hr && (string?)labels["helm.toolkit.fluxcd.io/namespace"] is { } hrNs)
        {
            return (FluxKinds.HelmRelease, hrNs, hr);
        }

        return null;
    }

    private static void AppendManager(StringBuilder report, FluxKind kind, JsonObject obj)
    {
        report.Append("---\n");
        Section(report, (kind.Kind, FluxObject.Name(obj)), ("Namespace", FluxObject.Namespace(obj)),
            ("Path", (string?)obj["spec"]?["path"]), ("Chart", (string?)obj["spec"]?["chart"]?["spec"]?["chart"]),
            ("Revision", FluxObject.Revision(obj, kind)), ("Status", Status(obj)), ("Message", FluxObject.Message(obj)));
    }

    private static void AppendSource(StringBuilder report, FluxKind kind, JsonObject obj)
    {
        var reference = obj["spec"]?["ref"];
        report.Append("---\n");
        Section(report, (kind.Kind, FluxObject.Name(obj)), ("Namespace", FluxObject.Namespace(obj)), ("URL", (string?)obj["spec"]?["url"]),
            ("Chart", kind == FluxKinds.HelmChart ? (string?)obj["spec"]?["chart"] : null), ("Version", kind == FluxKinds.HelmChart ? (string?)obj["spec"]?["version"] : null),
            ("Branch", (string?)reference?["branch"]), ("Tag", (string?)reference?["tag"]), ("Semver", (string?)reference?["semver"]),
            ("Revision", FluxObject.Revision(obj, kind)), ("Status", Status(obj)), ("Message", FluxObject.Message(obj)));
    }

    private static string Status(JsonObject obj)
    {
        var ready = FluxObject.Condition(obj, "Ready");
        return FluxObject.Suspended(obj) ? "Suspended"
            : (string?)ready?["status"] == "True" ? $"Last reconciled at {(string?)ready["lastTransitionTime"]}"
            : ready is null ? "Waiting to be reconciled"
            : $"Not Ready ({(string?)ready["reason"]})";
    }

    private static void Section(StringBuilder report, params (string Label, string? Value)[] fields)
    {
        foreach (var (label, value) in fields.Where(f => !string.IsNullOrEmpty(f.Value)))
        {
            report.Append((label + ":").PadRight(16)).Append(value).Append('\n');
        }
    }
}
