using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.LocalCluster;
using Microsoft.Extensions.Logging;

namespace Gyre.Cli.Up;

/// <summary>
/// `gyre up`: the whole GitOps loop on one machine. Starts (or connects to) a cluster, serves the repository's
/// committed history over Git's HTTP protocol, runs every controller, creates the flux-system sync objects as
/// `flux bootstrap` does, follows new commits, and shows the state of every source and Kustomization.
/// </summary>
internal sealed partial class UpRunner(UpOptions options, CliConsole console)
{
    private const string FieldManager = "gyre-up";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = Path.GetFullPath(options.DataDirectory ?? DefaultDataDirectory());
        var repository = await OpenRepositoryAsync(data, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"gyre up: {repository.Directory} (branch {repository.Branch}, path {repository.Path}); state in {data}").ConfigureAwait(false);

        await using var cluster = options.Kubeconfig is null
            ? await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = Path.Combine(data, "cluster"), Port = options.Port }, cancellationToken).ConfigureAwait(false)
            : null;
        var kubeconfig = options.Kubeconfig ?? cluster!.KubeconfigPath;
        await console.Out.WriteLineAsync(cluster is null
            ? $"cluster: {kubeconfig}"
            : $"local cluster: {cluster.BaseUrl} (kubectl --kubeconfig {kubeconfig} get all -A)").ConfigureAwait(false);
        using var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(kubeconfig, null, null), new KubeContextOverrides(options.Context), null, TimeProvider.System, null, cancellationToken).ConfigureAwait(false);
        await using var git = await LocalGitServer.StartAsync(repository.Directory, cancellationToken).ConfigureAwait(false);

        using var logs = new JsonFileLoggerProvider(Path.Combine(data, "logs", "controllers.log"), LogLevel.Information);
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var controllers = new GyreControllers(client, new GyreControllersOptions
        {
            StoragePath = Path.Combine(data, "artifacts"),
            WorkDirectory = Path.Combine(data, "work"),
            AllowInsecureHttp = true,
        }, loggers, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = controllers.RunAsync(stop.Token);
        try
        {
            await controllers.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
            await ApplySyncObjectsAsync(client, SyncObjects.Create(git.Url, repository.Branch, repository.Path), running, cancellationToken).ConfigureAwait(false);
            var following = FollowCommitsAsync(repository, client, stop.Token);
            var code = await new UpProgress(client, options, console, logs.FilePath).RunAsync(running, clock, cancellationToken).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await following.ConfigureAwait(false);
            return code;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await ObserveShutdownAsync(running).ConfigureAwait(false);
        }
    }

    private async Task<RepositorySnapshot> OpenRepositoryAsync(string data, CancellationToken cancellationToken)
    {
        if (options.Repository is not null)
        {
            return await RepositorySnapshot.OpenAsync(options.Repository, options.Path ?? ".", cancellationToken).ConfigureAwait(false);
        }

        var example = Path.Combine(Directory.GetCurrentDirectory(), "examples", "fleet");
        if (!Directory.Exists(example))
        {
            throw new UpException("no repository given and no examples/fleet here; run `gyre up REPO_DIR` or run it from Gyre's repository root");
        }

        await console.Out.WriteLineAsync("gyre up: no repository given, running the example fleet (examples/fleet)").ConfigureAwait(false);
        return await RepositorySnapshot.SnapshotAsync(example, Path.Combine(data, "example-fleet"), options.Path ?? "clusters/development", cancellationToken).ConfigureAwait(false);
    }

    // The CRDs are installed by the controllers as they start; the sync objects can be applied once their kinds are served.
    private static async Task ApplySyncObjectsAsync(KubeClient client, IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects, Task running, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var obj in objects)
        {
            while (true)
            {
                try
                {
                    var resource = await client.ForObjectAsync(obj, cancellationToken).ConfigureAwait(false);
                    await resource.ApplyAsync(obj, new WriteOptions { FieldManager = FieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (KubeMappingException) when (DateTime.UtcNow < deadline && !running.IsCompleted)
                {
                    await Task.Delay(250, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    // "New commits are picked up at once": a new HEAD asks the GitRepository to reconcile now, as `flux reconcile source git` does.
    private static async Task FollowCommitsAsync(RepositorySnapshot repository, KubeClient client, CancellationToken cancellationToken)
    {
        try
        {
            var last = await repository.HeadAsync(cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                var head = await repository.HeadAsync(cancellationToken).ConfigureAwait(false);
                if (head == last)
                {
                    continue;
                }

                last = head;
                var resource = await client.ForKindAsync("source.toolkit.fluxcd.io/v1", "GitRepository", cancellationToken).ConfigureAwait(false);
                var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffK", System.Globalization.CultureInfo.InvariantCulture);
                var patch = $"{{\"metadata\":{{\"annotations\":{{\"reconcile.fluxcd.io/requestedAt\":\"{now}\"}}}}}}";
                await resource.PatchAsync(SyncObjects.Namespace, SyncObjects.Name, PatchType.Merge, patch, null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ObserveShutdownAsync(Task running)
    {
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string DefaultDataDirectory()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var key = Path.GetFullPath(options.Repository ?? Path.Combine(Directory.GetCurrentDirectory(), "examples", "fleet"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(state, "gyre", "up", hash);
    }
}
