using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Install;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Commands;

/// <summary>`gyre install`: the CRDs, RBAC, controller Deployment and Service, applied server-side (or printed with --export).</summary>
internal static class InstallCommand
{
    public static Command Create(CliConsole console)
    {
        var export = new Option<bool>("--export") { Description = "Print the manifests instead of applying them" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate through a server-side dry run without changing the cluster" };
        var image = new Option<string>("--image") { Description = "Controller image repository", DefaultValueFactory = _ => InstallManifests.DefaultImage };
        var version = new Option<string>("--version") { Description = "Controller image tag", DefaultValueFactory = _ => VersionCommand.Current() };
        var timeout = DurationOption.Create("--timeout", "How long to wait for the controller to be ready", TimeSpan.FromMinutes(5));
        var components = ComponentsOption();
        var extra = ComponentsExtraOption();
        var command = new Command("install", """
            Install Gyre's CRDs and controller in a cluster (as `flux install`), or print them with --export

            Examples:
              gyre install
              gyre install --export > gotk-components.yaml
              gyre install --components-extra=image-reflector-controller,image-automation-controller
              gyre install --dry-run --context staging
            """)
        {
            export, dryRun, image, version, timeout, components, extra,
        };
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ns = cluster.NamespaceOf(parse)!;
            var objects = InstallManifests.Create(ns, parse.GetValue(image)!, parse.GetValue(version)!, InstallManifests.ControllersOf(parse.GetValue(components)!, parse.GetValue(extra)!));
            if (parse.GetValue(export))
            {
                await console.Out.WriteAsync(InstallManifests.ToYaml(objects)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var progress = new Progress(console);
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var dry = parse.GetValue(dryRun);
            progress.Action($"applying {objects.Count} objects{(dry ? " (server-side dry run)" : string.Empty)}");
            foreach (var obj in objects)
            {
                await ApplyAsync(client, obj, dry, progress, cancellationToken).ConfigureAwait(false);
            }

            if (dry)
            {
                progress.Success("dry run finished: every object validated");
                return ExitCodes.Success;
            }

            progress.Waiting("verifying installation");
            if (!await DeploymentReadyAsync(client, ns, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false))
            {
                progress.Failure($"{InstallManifests.Name}: the Deployment is not ready after {DurationOption.Format(parse.GetValue(timeout))}; " +
                    $"check `kubectl -n {ns} describe deployment {InstallManifests.Name}` (is the image {parse.GetValue(image)}:{parse.GetValue(version)} pullable?)");
                return ExitCodes.Failure;
            }

            progress.Success($"{InstallManifests.Name}: deployment ready");
            progress.Success("install finished");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>flux's --components: which controllers the Deployment runs (all four by default).</summary>
    internal static Option<string[]> ComponentsOption() => new("--components")
    {
        Description = "Components to run, comma-separated: source-controller, kustomize-controller, helm-controller, notification-controller",
        DefaultValueFactory = _ => [.. InstallManifests.Components.Keys],
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>flux's --components-extra: the image automation controllers, run only when asked for.</summary>
    internal static Option<string[]> ComponentsExtraOption() => new("--components-extra")
    {
        Description = "Extra components to run, comma-separated: image-reflector-controller, image-automation-controller",
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = true,
    };

    internal static async Task ApplyAsync(KubeClient client, JsonObject obj, bool dryRun, Progress progress, CancellationToken cancellationToken)
    {
        var label = $"{obj["kind"]}/{FluxObject.Name(obj)}";
        try
        {
            var resource = await client.ForObjectAsync(obj, cancellationToken).ConfigureAwait(false);
            await resource.ApplyAsync(obj, new WriteOptions { FieldManager = CreateOptions.FieldManager, Force = true, DryRun = dryRun }, cancellationToken).ConfigureAwait(false);
            progress.Success(label + (dryRun ? " validated" : " applied"));
        }
        catch (KubeApiException ex) when (ex.IsNotFound && dryRun && FluxObject.Namespace(obj).Length > 0)
        {
            throw new CommandException($"install --dry-run: {label}: namespace {FluxObject.Namespace(obj)} does not exist, so a server-side dry run cannot validate objects in it; " +
                $"create it first (`kubectl create namespace {FluxObject.Namespace(obj)}`)");
        }
        catch (KubeApiException ex)
        {
            throw new CommandException($"install: {label}: the API server refused it: {ex.Message}; check your permissions (cluster-admin is needed to install CRDs)");
        }
    }

    internal static async Task<bool> DeploymentReadyAsync(KubeClient client, string ns, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deployments = await client.ForKindAsync("apps/v1", "Deployment", cancellationToken).ConfigureAwait(false);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var deployment = await deployments.GetAsync(ns, InstallManifests.Name, cancellationToken).ConfigureAwait(false);
            var status = deployment["status"];
            if (status?["observedGeneration"]?.GetValue<long>() == FluxObject.Generation(deployment)
                && (status?["readyReplicas"]?.GetValue<long>() ?? 0) >= (deployment["spec"]?["replicas"]?.GetValue<long>() ?? 1))
            {
                return true;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
