using System.Text.Json.Nodes;
using Gyre.Api.Crds;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.LocalCluster;

namespace Gyre.Cli.Tests.Support;

/// <summary>
/// The local cluster with the image automation CRDs and, in place of their controllers, a stand-in that answers every
/// new generation or reconcile request with a Ready status of the shape the real controllers write (suspended objects
/// are left alone). It lets the CLI's image commands be driven end to end without a registry.
/// </summary>
internal sealed class ImageKindsCluster : IAsyncDisposable
{
    private readonly LocalClusterServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _controller;

    private ImageKindsCluster(LocalClusterServer server, KubeClient client)
    {
        _server = server;
        Client = client;
        _controller = Task.Run(() => ServeAsync(_stop.Token));
    }

    public string Kubeconfig => _server.KubeconfigPath;

    public KubeClient Client { get; }

    public static async Task<ImageKindsCluster> StartAsync(string directory)
    {
        var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = directory, EnableWorkloadSimulator = false }, CancellationToken.None);
        var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(server.KubeconfigPath, null, null), new KubeContextOverrides(), null, null, null, CancellationToken.None);
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", CancellationToken.None);
        foreach (var crd in FluxCrds.All().Where(c => c.Name.EndsWith(".image.toolkit.fluxcd.io", StringComparison.Ordinal)))
        {
            await crds.ApplyAsync(crd.Json, new WriteOptions { FieldManager = "test", Force = true }, CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var kind in new[] { "ImageRepository", "ImagePolicy", "ImageUpdateAutomation" })
        {
            while (true)
            {
                try
                {
                    await client.ForKindAsync("image.toolkit.fluxcd.io/v1", kind, CancellationToken.None);
                    break;
                }
                catch (Gyre.Kube.Discovery.KubeMappingException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }

        return new ImageKindsCluster(server, client);
    }

    public async Task<JsonObject?> GetAsync(string kind, string ns, string name)
    {
        try
        {
            return await (await Client.ForKindAsync("image.toolkit.fluxcd.io/v1", kind, CancellationToken.None)).GetAsync(ns, name, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var kind in new[] { "ImageRepository", "ImagePolicy", "ImageUpdateAutomation" })
                {
                    var resource = await Client.ForKindAsync("image.toolkit.fluxcd.io/v1", kind, cancellationToken);
                    foreach (var obj in (await resource.ListAsync(null, null, cancellationToken)).Items)
                    {
                        await ReconcileAsync(resource, kind, obj, cancellationToken);
                    }
                }

                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubeApiException)
            {
                // A conflict with the CLI's own write, or an object deleted under us: the next pass sees the new state.
            }
        }
    }

    private static async Task ReconcileAsync(ResourceClient resource, string kind, JsonObject obj, CancellationToken cancellationToken)
    {
        var generation = (long)obj["metadata"]!["generation"]!;
        var requested = (string?)obj["metadata"]?["annotations"]?["reconcile.fluxcd.io/requestedAt"];
        var status = obj["status"] as JsonObject;
        if ((bool?)obj["spec"]?["suspend"] == true
            || ((long?)status?["observedGeneration"] == generation && (string?)status?["lastHandledReconcileAt"] == requested))
        {
            return;
        }

        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (message, extra) = kind switch
        {
            "ImageRepository" => ("successful scan: found 3 tags", new JsonObject
            {
                ["canonicalImageName"] = (string?)obj["spec"]!["image"],
                ["lastScanResult"] = new JsonObject { ["scanTime"] = "2026-12-07T20:00:00Z", ["tagCount"] = 3 },
            }),
            "ImagePolicy" => ("Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.0", new JsonObject
            {
                ["latestRef"] = new JsonObject { ["name"] = "ghcr.io/stefanprodan/podinfo", ["tag"] = "6.5.0" },
            }),
            _ => ("repository up-to-date", new JsonObject { ["lastAutomationRunTime"] = "2026-12-07T20:01:00Z" }),
        };
        extra["observedGeneration"] = generation;
        extra["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Ready", ["status"] = "True", ["reason"] = "Succeeded", ["message"] = message, ["lastTransitionTime"] = now, ["observedGeneration"] = generation,
        });
        if (requested is not null)
        {
            extra["lastHandledReconcileAt"] = requested;
        }

        var patch = new JsonObject { ["status"] = extra };
        await resource.PatchAsync((string)obj["metadata"]!["namespace"]!, (string)obj["metadata"]!["name"]!, PatchType.Merge, patch.ToJsonString(), "status", null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _controller;
        Client.Dispose();
        await _server.DisposeAsync();
        _stop.Dispose();
    }
}
