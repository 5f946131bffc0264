using System.CommandLine;
using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Microsoft.Extensions.Logging;

namespace Gyre.Cli.Commands;

/// <summary>`gyre controller`: runs Gyre's source and kustomize controllers against a cluster until interrupted.</summary>
internal static class ControllerCommand
{
    public static Command Create(CliConsole console)
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster)" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use" };
        var controllers = new Option<string>("--controllers") { Description = "Comma-separated controllers to run: source, kustomize, helm, notification, image-reflector, image-automation", DefaultValueFactory = _ => "source,kustomize,helm,notification,image-reflector,image-automation" };
        var receiverAddr = new Option<string>("--receiver-addr") { Description = "Address of the webhook receiver server (host:port; controller notification)", DefaultValueFactory = _ => "127.0.0.1:9292" };
        var concurrent = new Option<int>("--concurrent") { Description = "Objects of one kind reconciled in parallel", DefaultValueFactory = _ => 4 };
        var metricsAddr = new Option<string>("--metrics-addr") { Description = "Address of /metrics (host:port; empty disables)", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var healthAddr = new Option<string>("--health-addr") { Description = "Address of /healthz and /readyz (host:port; empty disables)", DefaultValueFactory = _ => "127.0.0.1:9440" };
        var storageAddr = new Option<string>("--storage-addr") { Description = "Address the artifact server listens on (host:port)", DefaultValueFactory = _ => "127.0.0.1:9090" };
        var storageAdvAddr = new Option<string?>("--storage-adv-addr") { Description = "Base URL written into artifact URLs (default: the storage address)" };
        var storagePath = new Option<string?>("--storage-path") { Description = "Artifact storage directory (default: a directory under the temp path)" };
        var eventsAddr = new Option<string>("--events-addr") { Description = "Address of the notification event endpoint (host:port; empty disables)", DefaultValueFactory = _ => "127.0.0.1:9690" };
        var insecureHttp = new Option<bool>("--insecure-allow-http") { Description = "Allow GitRepository URLs over plain http:// (refused by default)" };
        var leaderElect = new Option<bool>("--enable-leader-election") { Description = "Reconcile only while holding the gyre-controller Lease" };
        var leaderNamespace = new Option<string?>("--leader-election-namespace") { Description = "Namespace of the Lease (default: the context's namespace)" };
        var logEncoding = new Option<string>("--log-encoding") { Description = "Log format: console or json", DefaultValueFactory = _ => "console" };
        logEncoding.AcceptOnlyFromAmong("console", "json");
        var noCrossNamespaceRefs = new Option<bool>("--no-cross-namespace-refs") { Description = "Refuse Kustomizations and HelmReleases whose source is in another namespace (multi-tenancy lockdown)" };
        var defaultServiceAccount = new Option<string?>("--default-service-account") { Description = "Service account impersonated by Kustomizations and HelmReleases that set no spec.serviceAccountName" };
        var overrideManagers = new Option<string[]>("--override-manager")
        {
            Description = "Field managers (prefixes) whose in-cluster changes Kustomizations remove, as they remove kubectl's (repeatable or comma-separated)",
            AllowMultipleArgumentsPerToken = true,
        };
        var noRemoteBases = new Option<bool>("--no-remote-bases") { Description = "Refuse remote kustomize bases and resources (git and http URLs) in Kustomization builds" };
        var command = new Command("controller", """
            Run Gyre's controllers (GitRepository, HelmChart, Kustomization, HelmRelease, Alert, Provider) against a cluster until interrupted

            Installs the Flux CRDs, serves artifacts, /metrics, /healthz, /readyz and the notification event endpoint, and reconciles with Flux's semantics.

            Example:
              gyre controller --kubeconfig ~/.kube/config --controllers source,kustomize --concurrent 8 --metrics-addr :8080
            """)
        {
            kubeconfig, context, controllers, concurrent, metricsAddr, healthAddr, storageAddr, storageAdvAddr, storagePath, eventsAddr, leaderElect, leaderNamespace, logEncoding, receiverAddr, insecureHttp,
            noCrossNamespaceRefs, defaultServiceAccount, noRemoteBases, overrideManagers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var selected = parse.GetValue(controllers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var unknown = selected.Where(c => c is not (GyreControllersOptions.Source or GyreControllersOptions.Kustomize or GyreControllersOptions.Helm or GyreControllersOptions.Notification
                or GyreControllersOptions.ImageReflector or GyreControllersOptions.ImageAutomation)).ToList();
            if (unknown.Count > 0)
            {
                await console.Error.WriteLineAsync($"error: --controllers: unknown controller '{unknown[0]}'; choose from source, kustomize, helm, notification, image-reflector, image-automation").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var time = TimeProvider.System;
            using var client = await ConnectAsync(parse.GetValue(kubeconfig), parse.GetValue(context), time, cancellationToken).ConfigureAwait(false);
            var home = Path.Combine(Path.GetTempPath(), "gyre-controller-" + Environment.ProcessId);
            using var remoteHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var options = new GyreControllersOptions
            {
                Controllers = selected,
                Concurrent = parse.GetValue(concurrent),
                StoragePath = parse.GetValue(storagePath) ?? Path.Combine(home, "storage"),
                WorkDirectory = Path.Combine(home, "work"),
                StorageAddress = Url(parse.GetValue(storageAddr)) ?? "http://127.0.0.1:9090",
                StorageAdvertisedAddress = parse.GetValue(storageAdvAddr),
                MetricsAddress = Url(parse.GetValue(metricsAddr)),
                HealthAddress = Url(parse.GetValue(healthAddr)),
                EventsAddress = Url(parse.GetValue(eventsAddr)),
                ReceiverAddress = Url(parse.GetValue(receiverAddr)) ?? "http://127.0.0.1:9292",
                AllowInsecureHttp = parse.GetValue(insecureHttp),
                LeaderElectionNamespace = parse.GetValue(leaderElect) ? parse.GetValue(leaderNamespace) ?? client.DefaultNamespace : null,
                NoCrossNamespaceRefs = parse.GetValue(noCrossNamespaceRefs),
                DefaultServiceAccount = parse.GetValue(defaultServiceAccount),
                KustomizeRemoteFetcher = parse.GetValue(noRemoteBases) ? null : new Kustomize.GitRemoteFetcher(remoteHttp),
                OverrideManagers = (parse.GetValue(overrideManagers) ?? [])
                    .SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            };
            using var loggers = LoggerFactory.Create(b => b.AddProvider(new CliLoggerProvider(console.Error, parse.GetValue(logEncoding) == "json", LogLevel.Information, time)));
            var gyre = new GyreControllers(client, options, loggers, time);
            var run = gyre.RunAsync(cancellationToken);
            await Task.WhenAny(gyre.Started, run).ConfigureAwait(false);
            if (gyre.Started.IsCompletedSuccessfully)
            {
                await console.Out.WriteLineAsync(
                    $"gyre controller running ({string.Join(", ", selected.Order(StringComparer.Ordinal))}); artifacts at {gyre.StorageAddress?.ToString() ?? "-"}, " +
                    $"metrics at {gyre.MetricsAddress?.ToString() ?? "-"}, health at {gyre.HealthAddress?.ToString() ?? "-"}").ConfigureAwait(false);
            }

            try
            {
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            await console.Out.WriteLineAsync("gyre controller stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<KubeClient> ConnectAsync(string? kubeconfig, string? context, TimeProvider time, CancellationToken cancellationToken)
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var inCluster = kubeconfig is null && variable is null && !File.Exists(Path.Combine(home, ".kube", "config"))
            && Directory.Exists(InClusterConfig.DefaultServiceAccountDirectory);
        if (inCluster)
        {
            var connection = await InClusterConfig.LoadAsync(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"),
                Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT"), InClusterConfig.DefaultServiceAccountDirectory, cancellationToken).ConfigureAwait(false);
            return new KubeClient(connection, null, time);
        }

        return await KubeClient.FromKubeconfigAsync(new KubeconfigSources(kubeconfig, variable, home), new KubeContextOverrides(context), null, time, null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Flux's address flags are host:port (":8080" listens everywhere); Kestrel wants a URL.</summary>
    internal static string? Url(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        if (address.StartsWith("http://", StringComparison.Ordinal) || address.StartsWith("https://", StringComparison.Ordinal))
        {
            return address;
        }

        return address.StartsWith(':') ? "http://0.0.0.0" + address : "http://" + address;
    }
}
