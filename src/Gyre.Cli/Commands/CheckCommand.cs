using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Api.Crds;
using Gyre.Cli.Flux;
using Gyre.Cli.Install;
using Gyre.Cli.Output;
using Gyre.Kube;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre check`: as `flux check`, the Kubernetes version (--pre stops there), then the CRDs (established, serving
/// Flux's versions) and the controller (the Deployment `gyre install` creates, or a held leader-election Lease).
/// </summary>
internal static class CheckCommand
{
    private static readonly Version MinimumKubernetes = new(1, 32);

    public static Command Create(CliConsole console)
    {
        var pre = new Option<bool>("--pre") { Description = "Only check the prerequisites (Kubernetes version) before installing" };
        var command = new Command("check", """
            Check the cluster meets Gyre's prerequisites and the installation is healthy (exit 1 if not)

            Examples:
              gyre check --pre
              gyre check --context prod
            """)
        {
            pre,
        };
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var progress = new Progress(console);
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            progress.Action("checking prerequisites");
            var ok = await KubernetesVersionAsync(client, progress, cancellationToken).ConfigureAwait(false);
            if (!parse.GetValue(pre))
            {
                progress.Action("checking controllers");
                ok &= await ControllerAsync(client, cluster.NamespaceOf(parse)!, progress, cancellationToken).ConfigureAwait(false);
                progress.Action("checking crds");
                ok &= await CrdsAsync(client, progress, cancellationToken).ConfigureAwait(false);
            }

            if (ok)
            {
                progress.Success(parse.GetValue(pre) ? "prerequisites checks passed" : "all checks passed");
            }
            else
            {
                progress.Failure("check failed");
            }

            return ok ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<bool> KubernetesVersionAsync(KubeClient client, Progress progress, CancellationToken cancellationToken)
    {
        var info = await client.Discovery.GetServerVersionAsync(cancellationToken).ConfigureAwait(false);
        var text = (string?)info["gitVersion"] ?? string.Empty;
        var core = text.TrimStart('v').Split('-', '+')[0];
        if (!Version.TryParse(core, out var version))
        {
            progress.Failure($"Kubernetes version '{text}' could not be read");
            return false;
        }

        if (version < MinimumKubernetes)
        {
            progress.Failure($"Kubernetes {text} <{MinimumKubernetes.Major}.{MinimumKubernetes.Minor}.0 (Flux's CRDs need {MinimumKubernetes.Major}.{MinimumKubernetes.Minor} or newer); upgrade the cluster");
            return false;
        }

        progress.Success($"Kubernetes {text} >={MinimumKubernetes.Major}.{MinimumKubernetes.Minor}.0");
        return true;
    }

    private static async Task<bool> CrdsAsync(KubeClient client, Progress progress, CancellationToken cancellationToken)
    {
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", cancellationToken).ConfigureAwait(false);
        var ok = true;
        foreach (var expected in FluxCrds.All())
        {
            var name = expected.Name;
            var wanted = (expected.Json["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(v => (bool?)v["storage"] == true)?["name"]?.GetValue<string>();
            try
            {
                var crd = await crds.GetAsync(null, name, cancellationToken).ConfigureAwait(false);
                var established = (crd["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => (string?)c["type"] == "Established" && (string?)c["status"] == "True") ?? false;
                var served = (crd["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>().Any(v => (string?)v["name"] == wanted && (bool?)v["served"] == true) ?? false;
                if (established && served)
                {
                    progress.Success($"{name}/{wanted}");
                }
                else
                {
                    progress.Failure($"{name}: {(established ? $"version {wanted} is not served" : "not established")}; re-apply the CRDs with `gyre install`");
                    ok = false;
                }
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                progress.Failure($"{name}: not installed; install the CRDs with `gyre install`");
                ok = false;
            }
        }

        return ok;
    }

    private static async Task<bool> ControllerAsync(KubeClient client, string ns, Progress progress, CancellationToken cancellationToken)
    {
        var deployments = await client.ForKindAsync("apps/v1", "Deployment", cancellationToken).ConfigureAwait(false);
        try
        {
            var deployment = await deployments.GetAsync(ns, InstallManifests.Name, cancellationToken).ConfigureAwait(false);
            var ready = deployment["status"]?["readyReplicas"]?.GetValue<long>() ?? 0;
            var image = (string?)deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"];
            if (ready > 0)
            {
                progress.Success($"{InstallManifests.Name}: deployment ready");
                progress.Success(image ?? "(no image)");
                return true;
            }

            progress.Failure($"{InstallManifests.Name}: deployment not ready; see `kubectl -n {ns} describe deployment {InstallManifests.Name}` and `kubectl -n {ns} logs deploy/{InstallManifests.Name}`");
            return false;
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }

        // `gyre controller --enable-leader-election` outside the cluster holds a Lease named gyre-controller.
        var leases = await client.ForKindAsync("coordination.k8s.io/v1", "Lease", cancellationToken).ConfigureAwait(false);
        try
        {
            var lease = await leases.GetAsync(ns, InstallManifests.Name, cancellationToken).ConfigureAwait(false);
            var holder = (string?)lease["spec"]?["holderIdentity"];
            var renewed = DateTimeOffset.TryParse((string?)lease["spec"]?["renewTime"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
            var duration = lease["spec"]?["leaseDurationSeconds"]?.GetValue<long>() ?? 15;
            if (holder is { Length: > 0 } && DateTimeOffset.UtcNow - renewed < TimeSpan.FromSeconds(duration * 2))
            {
                progress.Success($"{InstallManifests.Name}: running outside the cluster (Lease held by {holder})");
                return true;
            }
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }

        progress.Failure($"{InstallManifests.Name}: no controller found in namespace {ns} (no Deployment, no held Lease); install it with `gyre install`, " +
            "or run `gyre controller --enable-leader-election` (`gyre up` runs its controllers in-process and cannot be seen here)");
        return false;
    }
}
