// Webhook to Ready: a 10-object app synced from git on the in-process local cluster; each round commits a change,
// posts a signed GitHub push to the Receiver and measures until the Kustomization is Ready with the new revision.
// Usage: dotnet bench/Gyre.Receivers.Bench/bin/Release/net10.0/Gyre.Receivers.Bench.dll [rounds]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Api.Crds;
using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.LocalCluster;
using Gyre.Notifications.Receivers;
using Microsoft.Extensions.Logging.Abstractions;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
const string ns = "bench";
const string token = "bench-webhook-token";
using var dir = new TempDirectory();
await using var cluster = await LocalClusterServer.StartAsync(
    new LocalClusterOptions { DataDirectory = dir.Combine("cluster"), SimulatorDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
await using var git = await GitHttpServer.StartAsync();
var url = git.CreateRepository("fleet");
using var work = new GitWorkTree(git.PathOf("fleet"));
var commit = CommitApp(work, 0);

using var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, cluster.KubeconfigPath, null), new KubeContextOverrides(),
    new KubeClientOptions { Qps = 0 }, null, null, CancellationToken.None);
var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", CancellationToken.None);
foreach (var crd in FluxCrds.All())
{
    await crds.ApplyAsync(crd.Json, new WriteOptions { FieldManager = "gyre", Force = true }, CancellationToken.None);
}

var gyre = new GyreControllers(client, new GyreControllersOptions
{
    AllowInsecureHttp = true, // the test Git server speaks http on 127.0.0.1
    StoragePath = dir.Combine("storage"),
    WorkDirectory = dir.Combine("work"),
    InstallCrds = false,
    Controllers = new HashSet<string>(StringComparer.Ordinal) { GyreControllersOptions.Source, GyreControllersOptions.Kustomize, GyreControllersOptions.Notification },
    ReceiverAddress = "http://127.0.0.1:0",
}, NullLoggerFactory.Instance, TimeProvider.System);
using var stop = new CancellationTokenSource();
var run = gyre.RunAsync(stop.Token);
await gyre.Started;

await CreateAsync(client, "v1", $$$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{{ns}}}}"}}""");
await CreateAsync(client, "v1", $$$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"webhook-token","namespace":"{{{{ns}}}}"},"stringData":{"token":"{{{{token}}}}"}}""");
await CreateAsync(client, "source.toolkit.fluxcd.io/v1", $$$$"""
    {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"fleet","namespace":"{{{{ns}}}}"},
     "spec":{"interval":"1h","url":"{{{{url}}}}","ref":{"branch":"main"}}}
    """);
await CreateAsync(client, "kustomize.toolkit.fluxcd.io/v1", $$$$"""
    {"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"app","namespace":"{{{{ns}}}}"},
     "spec":{"interval":"1h","path":"./app","prune":true,"targetNamespace":"{{{{ns}}}}","sourceRef":{"kind":"GitRepository","name":"fleet"}}}
    """);
await CreateAsync(client, "notification.toolkit.fluxcd.io/v1", $$$$"""
    {"apiVersion":"notification.toolkit.fluxcd.io/v1","kind":"Receiver","metadata":{"name":"github","namespace":"{{{{ns}}}}"},
     "spec":{"type":"github","events":["push"],"secretRef":{"name":"webhook-token"},"resources":[{"kind":"GitRepository","name":"fleet"}]}}
    """);
var kustomizations = await client.ForKindAsync("kustomize.toolkit.fluxcd.io/v1", "Kustomization", CancellationToken.None);
await WaitForRevisionAsync(kustomizations, commit, TimeSpan.FromMinutes(2));
while (gyre.ReceiverAddress is null)
{
    await Task.Delay(50);
}

using var http = new HttpClient();
var hook = new Uri(gyre.ReceiverAddress, WebhookPath.For(token, "github", ns));
var latencies = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    commit = CommitApp(work, round);
    var clock = Stopwatch.StartNew();
    var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main"}""");
    using var request = new HttpRequestMessage(HttpMethod.Post, hook) { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Add("X-GitHub-Event", "push");
    request.Headers.Add("X-Hub-Signature-256", HubSignature.Sign("sha256", body, token));
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"the receiver answered {(int)response.StatusCode}");
    }

    await WaitForRevisionAsync(kustomizations, commit, TimeSpan.FromSeconds(60));
    latencies.Add(clock.Elapsed.TotalMilliseconds);
}

latencies.Sort();
double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rounds: {rounds}; webhook -> Ready with the new revision (10 objects): median {Percentile(0.5):F0} ms, p90 {Percentile(0.9):F0} ms, min {latencies[0]:F0} ms, max {latencies[^1]:F0} ms"));
await stop.CancelAsync();
try
{
    await run;
}
catch (OperationCanceledException)
{
}

// Ten ConfigMaps whose data changes every round, so each commit changes all ten objects.
static string CommitApp(GitWorkTree work, int round)
{
    for (var i = 0; i < 10; i++)
    {
        work.Write($"app/config-{i}.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{i}\ndata:\n  round: \"{round}\"\n");
    }

    var hash = work.Commit($"round {round}");
    work.Push();
    return hash;
}

static async Task CreateAsync(KubeClient client, string apiVersion, string json)
{
    var obj = (JsonObject)JsonNode.Parse(json)!;
    var resource = await client.ForKindAsync(apiVersion, (string)obj["kind"]!, CancellationToken.None);
    await resource.CreateAsync(obj, null, CancellationToken.None);
}

static async Task WaitForRevisionAsync(ResourceClient kustomizations, string commit, TimeSpan timeout)
{
    var deadline = Stopwatch.StartNew();
    var expected = $"Applied revision: main@sha1:{commit}";
    while (true)
    {
        var ks = await kustomizations.GetAsync(ns, "app", CancellationToken.None);
        var ready = (ks["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
        if ((string?)ready?["status"] == "True" && (string?)ready["message"] == expected)
        {
            return;
        }

        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"Kustomization not Ready with {commit} after {timeout.TotalSeconds} s: {ready?.ToJsonString()}");
        }

        await Task.Delay(10);
    }
}
