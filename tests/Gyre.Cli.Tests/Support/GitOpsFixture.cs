using System.Diagnostics;
using System.Text.Json.Nodes;
using Gyre.Cli.Up;
using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.LocalCluster;
using Gyre.Manifests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Cli.Tests.Support;

/// <summary>
/// A running GitOps loop for the CLI's cluster commands: a local cluster, a Git repository served over HTTP, Gyre's
/// controllers, and the flux-system GitRepository and Kustomization syncing clusters/dev, which applies a nested
/// Kustomization "apps" (a ConfigMap in namespace default). Tests wait for Ready once, then drive the CLI.
/// </summary>
public sealed class GitOpsFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-cli-gitops-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private LocalClusterServer? _cluster;
    private LocalGitServer? _git;
    private Task? _run;

    public string Kubeconfig => _cluster!.KubeconfigPath;

    public string Repository => Path.Combine(_dir, "repo");

    public KubeClient Client { get; private set; } = null!;

    public string GitUrl => _git!.Url;

    public async Task InitializeAsync()
    {
        WriteRepository();
        _cluster = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = Path.Combine(_dir, "cluster"), EnableWorkloadSimulator = false }, CancellationToken.None);
        Client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(Kubeconfig, null, null), new KubeContextOverrides(), null, null, null, CancellationToken.None);
        _git = await LocalGitServer.StartAsync(Repository, CancellationToken.None);
        var controllers = new GyreControllers(Client, new GyreControllersOptions
        {
            AllowInsecureHttp = true, // the test Git server speaks http on 127.0.0.1
            StoragePath = Path.Combine(_dir, "storage"),
            WorkDirectory = Path.Combine(_dir, "work"),
            PollInterval = TimeSpan.FromMilliseconds(200),
        }, NullLoggerFactory.Instance, TimeProvider.System);
        _run = controllers.RunAsync(_stop.Token);
        await controllers.Started.WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var obj in SyncObjects.Create(_git.Url, "main", "clusters/dev"))
        {
            await Until(async () =>
            {
                try
                {
                    await (await Client.ForObjectAsync(obj, CancellationToken.None)).ApplyAsync(obj, new WriteOptions { FieldManager = "test", Force = true }, CancellationToken.None);
                    return true;
                }
                catch (Gyre.Kube.Discovery.KubeMappingException)
                {
                    return false;
                }
            }, "the Flux CRDs to be served");
        }

        await WaitReadyAsync("Kustomization", "apps");
    }

    public async Task<JsonObject?> GetAsync(string kind, string name, string ns = "flux-system")
    {
        var apiVersion = kind switch
        {
            "Kustomization" => "kustomize.toolkit.fluxcd.io/v1",
            "HelmRelease" => "helm.toolkit.fluxcd.io/v2",
            _ => "source.toolkit.fluxcd.io/v1",
        };
        var resource = await Client.ForKindAsync(apiVersion, kind, CancellationToken.None);
        try
        {
            return await resource.GetAsync(ns, name, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public async Task WaitReadyAsync(string kind, string name, string ns = "flux-system") => await Until(async () =>
    {
        var obj = await GetAsync(kind, name, ns);
        var ready = (obj?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
        return (string?)ready?["status"] == "True";
    }, $"{kind} {name} Ready");

    public async Task ApplyAsync(string yaml)
    {
        var obj = KubeObject.Parse(yaml).Json;
        await (await Client.ForObjectAsync(obj, CancellationToken.None)).ApplyAsync(obj, new WriteOptions { FieldManager = "test", Force = true }, CancellationToken.None);
    }

    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {seconds}s waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
            }
        }

        Client?.Dispose();
        if (_git is not null)
        {
            await _git.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private void WriteRepository()
    {
        Write("clusters/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- apps.yaml\n");
        Write("clusters/dev/apps.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
              interval: 10m
              path: ./apps
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
            """);
        // Not synced by clusters/dev: the HelmRelease tests apply a Kustomization for team/ themselves.
        Write("charts/demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        Write("charts/demo/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  color: blue\n");
        Write("team/helmrelease.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: demo
              namespace: team
            spec:
              interval: 10m
              chart:
                spec:
                  chart: ./charts/demo
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                    namespace: flux-system
            """);
        Write("apps/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  namespace: default\ndata:\n  greeting: hello\n");
        Git("init", "-q", "--initial-branch=main");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(Repository, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repository, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("git " + string.Join(' ', args) + ": " + process.StandardError.ReadToEnd());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GitOpsCollection : ICollectionFixture<GitOpsFixture>
{
    public const string Name = "gitops";
}
