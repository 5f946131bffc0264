// Flux's "mean time to production" run on Gyre: N Kustomizations, each applying a Deployment, a Service and an HPA
// from one GitRepository, on the in-process local cluster. Prints time to all Ready, peak memory and CPU per no-op
// reconcile. Usage: dotnet run -c Release --project bench/Gyre.Controllers.Bench -- 100
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Api.Crds;
using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.LocalCluster;
using Microsoft.Extensions.Logging.Abstractions;

var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
using var dir = new TempDirectory();
await using var cluster = await LocalClusterServer.StartAsync(
    new LocalClusterOptions { DataDirectory = dir.Combine("cluster"), SimulatorDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
await using var git = await GitHttpServer.StartAsync();
var url = git.CreateRepository("fleet");
using var work = new GitWorkTree(git.PathOf("fleet"));
work.Write("app/deployment.yaml", """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: podinfo}
    spec:
      replicas: 1
      selector: {matchLabels: {app: podinfo}}
      template:
        metadata: {labels: {app: podinfo}}
        spec: {containers: [{name: podinfo, image: "ghcr.io/stefanprodan/podinfo:6.7.0"}]}
    """).Write("app/service.yaml", """
    apiVersion: v1
    kind: Service
    metadata: {name: podinfo}
    spec: {selector: {app: podinfo}, ports: [{port: 9898}]}
    """).Write("app/hpa.yaml", """
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: podinfo}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
      minReplicas: 1
      maxReplicas: 4
    """);
work.Commit("podinfo");
work.Push();

using var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, cluster.KubeconfigPath, null), new KubeContextOverrides(),
    new KubeClientOptions { Qps = 0 }, null, null, CancellationToken.None);
await InstallCrdsAsync(client);
var gyre = new GyreControllers(client, new GyreControllersOptions
{
    AllowInsecureHttp = true, // the test Git server speaks http on 127.0.0.1
    StoragePath = dir.Combine("storage"),
    WorkDirectory = dir.Combine("work"),
    InstallCrds = false,
    Concurrent = 4,
    PollInterval = TimeSpan.FromMilliseconds(500),
}, NullLoggerFactory.Instance, TimeProvider.System);
using var stop = new CancellationTokenSource();
var run = gyre.RunAsync(stop.Token);
await gyre.Started;

var ns = "bench";
var namespaces = await client.ForKindAsync("v1", "Namespace", CancellationToken.None);
await namespaces.CreateAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, null, CancellationToken.None);
var sources = await client.ForKindAsync("source.toolkit.fluxcd.io/v1", "GitRepository", CancellationToken.None);
var kustomizations = await client.ForKindAsync("kustomize.toolkit.fluxcd.io/v1", "Kustomization", CancellationToken.None);
var clock = Stopwatch.StartNew();
await sources.CreateAsync((JsonObject)JsonNode.Parse($$$"""
    {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"fleet","namespace":"{{{ns}}}"},
     "spec":{"interval":"10m","url":"{{{url}}}","ref":{"branch":"main"} } }
    """)!, null, CancellationToken.None);
for (var i = 0; i < n; i++)
{
    await kustomizations.CreateAsync((JsonObject)JsonNode.Parse($$$"""
        {"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"app-{{{i}}}","namespace":"{{{ns}}}"},
         "spec":{"interval":"1h","path":"./app","prune":true,"wait":true,"namePrefix":"app-{{{i}}}-","targetNamespace":"{{{ns}}}",
                 "sourceRef":{"kind":"GitRepository","name":"fleet"} } }
        """)!, null, CancellationToken.None);
}

while (await CountReadyAsync(kustomizations, ns) < n)
{
    await Task.Delay(250);
}

var toReady = clock.Elapsed;
var process = Process.GetCurrentProcess();
process.Refresh();
var peak = process.PeakWorkingSet64;

// Steady state: every Kustomization reconciled once more with nothing to change.
var cpuBefore = process.TotalProcessorTime;
var token = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
clock.Restart();
for (var i = 0; i < n; i++)
{
    await kustomizations.PatchAsync(ns, $"app-{i}", PatchType.Merge, $$$"""{"metadata":{"annotations":{"reconcile.fluxcd.io/requestedAt":"{{{token}}}"} } }""", null, CancellationToken.None);
}

while (await CountHandledAsync(kustomizations, ns, token) < n)
{
    await Task.Delay(250);
}

process.Refresh();
var cpuPerNoop = (process.TotalProcessorTime - cpuBefore) / n;
var noopWall = clock.Elapsed;
var report = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"kustomizations: {n}")
    .AppendLine(CultureInfo.InvariantCulture, $"time to all Ready: {toReady.TotalSeconds:F1} s")
    .AppendLine(CultureInfo.InvariantCulture, $"peak working set (controllers + in-process API server + git server): {peak / (1024 * 1024)} MiB")
    .AppendLine(CultureInfo.InvariantCulture, $"no-op reconcile of all: {noopWall.TotalSeconds:F1} s wall, {cpuPerNoop.TotalMilliseconds:F1} ms CPU per Kustomization (process-wide, API server included)");
Console.Write(report);
await stop.CancelAsync();
try
{
    await run;
}
catch (OperationCanceledException)
{
}

static async Task<int> CountReadyAsync(ResourceClient kustomizations, string ns)
{
    var list = await kustomizations.ListAsync(ns, null, CancellationToken.None);
    return list.Items.Count(k => (k["status"]?["conditions"] as JsonArray)?.Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True") == true);
}

static async Task<int> CountHandledAsync(ResourceClient kustomizations, string ns, string token)
{
    var list = await kustomizations.ListAsync(ns, null, CancellationToken.None);
    return list.Items.Count(k => (string?)k["status"]?["lastHandledReconcileAt"] == token);
}

// Gyre's CRDs exactly as shipped.
static async Task InstallCrdsAsync(KubeClient client)
{
    var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", CancellationToken.None);
    foreach (var crd in FluxCrds.All())
    {
        await crds.ApplyAsync(crd.Json, new WriteOptions { FieldManager = "gyre", Force = true }, CancellationToken.None);
    }
}
