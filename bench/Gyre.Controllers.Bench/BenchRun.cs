using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Crds;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Informers;

namespace Gyre.Controllers.Bench;

/// <summary>One run: a fresh environment and controller process, N objects created, time until all are Ready, then a no-op round.</summary>
internal static class BenchRun
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    public static async Task<BenchResult> RunAsync(string mode, int n, int concurrent)
    {
        using var dir = new TempDirectory();
        await using var env = await ChildProcess.StartAsync(EnvironmentHost.Verb, dir.Path);
        var handshake = env.FirstLine.Split(' ');
        var (kubeconfig, gitUrl, helmUrl) = (handshake[0], handshake[1], handshake[2]);
        using var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, kubeconfig, null), new KubeContextOverrides(),
            new KubeClientOptions { Qps = 0 }, null, null, CancellationToken.None);
        await InstallCrdsAsync(client);
        var namespaces = await client.ForKindAsync("v1", "Namespace", CancellationToken.None);
        await namespaces.CreateAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Workloads.Namespace } }, null, CancellationToken.None);

        await using var controllers = await ChildProcess.StartAsync(ControllerHost.Verb, kubeconfig, dir.Combine("controllers"), concurrent.ToString(CultureInfo.InvariantCulture));
        var (apiVersion, kind) = mode == BenchMode.Kustomizations
            ? ("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
            : ("helm.toolkit.fluxcd.io/v2", "HelmRelease");
        await using var informers = new SharedInformerFactory(client);
        var watched = await informers.GetOrCreateAsync(apiVersion, kind, null, CancellationToken.None);
        informers.StartAll();
        await informers.WaitForCacheSyncAsync(CancellationToken.None);
        var objects = await client.ForKindAsync(apiVersion, kind, CancellationToken.None);

        var (envCpu0, controllersCpu0) = (env.Cpu, controllers.Cpu);
        var clock = Stopwatch.StartNew();
        if (mode == BenchMode.Kustomizations)
        {
            await (await client.ForKindAsync("source.toolkit.fluxcd.io/v1", "GitRepository", CancellationToken.None)).CreateAsync(Workloads.GitRepository(gitUrl), null, CancellationToken.None);
        }
        else
        {
            await (await client.ForKindAsync("source.toolkit.fluxcd.io/v1", "HelmRepository", CancellationToken.None)).CreateAsync(Workloads.HelmRepository(helmUrl), null, CancellationToken.None);
        }

        for (var i = 0; i < n; i++)
        {
            await objects.CreateAsync(mode == BenchMode.Kustomizations ? Workloads.Kustomization(i) : Workloads.HelmRelease(i), null, CancellationToken.None);
        }

        await UntilAsync(watched.Cache, n, IsReady, "Ready", env, controllers);
        var toReady = clock.Elapsed;
        var (envCpu1, controllersCpu1) = (env.Cpu, controllers.Cpu);
        var (envPeak, controllersPeak, controllersPrivate) = (env.PeakWorkingSet, controllers.PeakWorkingSet, controllers.PeakPrivate);

        // Steady state: every object asked to reconcile once more (reconcile.fluxcd.io/requestedAt), nothing to change.
        var token = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        clock.Restart();
        for (var i = 0; i < n; i++)
        {
            await objects.PatchAsync(Workloads.Namespace, $"app-{i}", PatchType.Merge, $$"""{"metadata":{"annotations":{"reconcile.fluxcd.io/requestedAt":"{{token}}"} } }""", null, CancellationToken.None);
        }

        await UntilAsync(watched.Cache, n, o => (string?)o["status"]?["lastHandledReconcileAt"] == token && IsReady(o), "handled the no-op request", env, controllers);
        var noopWall = clock.Elapsed;
        var (envCpu2, controllersCpu2) = (env.Cpu, controllers.Cpu);
        return new BenchResult(mode, n, concurrent, toReady, controllersCpu1 - controllersCpu0, envCpu1 - envCpu0, controllersPeak, envPeak,
            noopWall, (controllersCpu2 - controllersCpu1) / n, (envCpu2 - envCpu1) / n, Math.Max(controllers.PeakWorkingSet, controllersPeak))
        {
            ControllersPrivate = controllersPrivate,
            ClusterPrivate = env.PeakPrivate,
        };
    }

    private static bool IsReady(JsonObject o) =>
        (o["status"]?["conditions"] as JsonArray)?.Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True") == true;

    // Reads the informer's cache (kept by one watch), so waiting costs the API server nothing per poll.
    private static async Task UntilAsync(ObjectCache cache, int n, Func<JsonObject, bool> done, string what, params ChildProcess[] sampled)
    {
        var deadline = Stopwatch.StartNew();
        while (cache.List().Count(done) < n)
        {
            foreach (var child in sampled)
            {
                child.Sample();
            }

            if (deadline.Elapsed > Deadline)
            {
                var stuck = cache.List().Where(o => !done(o)).Take(5).Select(o =>
                    $"{o["metadata"]!["name"]}: {(o["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c!["type"] == "Ready")?["message"]}");
                throw new TimeoutException($"bench: only {cache.List().Count(done)} of {n} {what} after {Deadline.TotalMinutes} min; for example {string.Join("; ", stuck)}");
            }

            await Task.Delay(100);
        }
    }

    // Gyre's CRDs exactly as shipped.
    private static async Task InstallCrdsAsync(KubeClient client)
    {
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", CancellationToken.None);
        foreach (var crd in FluxCrds.All())
        {
            await crds.ApplyAsync(crd.Json, new WriteOptions { FieldManager = "gyre", Force = true }, CancellationToken.None);
        }
    }
}
