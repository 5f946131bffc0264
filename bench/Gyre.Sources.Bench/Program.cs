using System.Diagnostics;
using System.Globalization;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Bench;
using Gyre.Sources.Git;
using Gyre.Sources.Oci;
using Gyre.Sources.Tests.Infrastructure;

// Scenarios from issue 5: no-op reconcile of 200 unchanged GitRepositories, push-to-artifact latency, OCI pull throughput.
var remotes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var pullMegabytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
using var scratch = new TempDirectory();
var store = new ArtifactStore(scratch.Combine("store"), "http://gyre.bench", TimeProvider.System);
var git = new GitRepositorySource(store, scratch.Combine("work"), new SecretFileCache(scratch.Combine("secrets")));

await using (var server = await GitHttpServer.StartAsync())
{
    await NoOpReconcilesAsync(server, git, store, remotes);
    await PushToArtifactAsync(server, git);
}

await OciPullAsync(store, scratch, pullMegabytes);

static async Task NoOpReconcilesAsync(GitHttpServer server, GitRepositorySource git, ArtifactStore store, int remotes)
{
    var current = new List<(GitRepositoryRequest Request, GitRepositoryResult Result)>();
    for (var i = 0; i < remotes; i++)
    {
        var name = $"repo-{i:000}";
        var url = server.CreateRepository(name);
        using var work = new GitWorkTree(server.PathOf(name));
        work.Write("deploy/app.yaml", $"name: {name}\n");
        work.Commit("initial");
        work.Push();
        var request = new GitRepositoryRequest
        {
            Key = new ArtifactKey("GitRepository", "bench", name),
            Url = url,
            Reference = new GitReference { Branch = "main" },
            AllowInsecureHttp = true,
        };
        current.Add((request, await git.ReconcileAsync(request, CancellationToken.None)));
    }

    var storeFiles = Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
    var requestsBefore = server.Requests;
    var before = ProcessCounters.Read();
    var clock = Stopwatch.StartNew();
    var unchanged = 0;
    foreach (var (request, result) in current)
    {
        var again = await git.ReconcileAsync(request with { CurrentArtifact = result.Artifact, ObservedContentConfig = result.ContentConfig }, CancellationToken.None);
        unchanged += again.Changed ? 0 : 1;
    }

    clock.Stop();
    var used = ProcessCounters.Read() - before;
    var storeAfter = Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
    var storeChanges = storeAfter.Count(kv => !storeFiles.TryGetValue(kv.Key, out var t) || t != kv.Value) + storeFiles.Keys.Count(k => !storeAfter.ContainsKey(k));
    Console.WriteLine($"no-op reconcile of {remotes} unchanged GitRepositories (sequential):");
    Console.WriteLine($"  unchanged results          {unchanged}/{remotes}");
    Console.WriteLine($"  wall time                  {clock.Elapsed.TotalMilliseconds:0} ms total, {clock.Elapsed.TotalMilliseconds / remotes:0.0} ms per repository");
    Console.WriteLine($"  HTTP requests to the git server  {server.Requests - requestsBefore} ({(server.Requests - requestsBefore) / (double)remotes:0.00} per repository)");
    Console.WriteLine($"  CPU (gyre + git children + in-process server) {used.CpuSeconds:0.00} s, {used.CpuSeconds * 1000 / remotes:0.0} ms per repository");
    Console.WriteLine($"  bytes written by the gyre process  {used.WriteBytes}");
    Console.WriteLine($"  files created or modified in the artifact store  {storeChanges}");
}

static async Task PushToArtifactAsync(GitHttpServer server, GitRepositorySource git)
{
    var url = server.CreateRepository("latency");
    using var work = new GitWorkTree(server.PathOf("latency"));
    for (var f = 0; f < 200; f++)
    {
        work.Write($"apps/app-{f:000}.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-{f}\ndata:\n  value: \"{new string('x', 512)}\"\n");
    }

    work.Commit("initial");
    work.Push();
    var request = new GitRepositoryRequest { Key = new ArtifactKey("GitRepository", "bench", "latency"), Url = url, Reference = new GitReference { Branch = "main" }, AllowInsecureHttp = true };
    var result = await git.ReconcileAsync(request, CancellationToken.None);
    var samples = new List<double>();
    for (var i = 0; i < 10; i++)
    {
        work.Write("apps/app-000.yaml", $"changed: {i}\n");
        work.Commit($"change {i}");
        work.Push();
        var clock = Stopwatch.StartNew();
        result = await git.ReconcileAsync(request with { CurrentArtifact = result.Artifact, ObservedContentConfig = result.ContentConfig }, CancellationToken.None);
        samples.Add(clock.Elapsed.TotalMilliseconds);
        if (!result.Changed)
        {
            throw new InvalidOperationException("push was not seen");
        }
    }

    samples.Sort();
    Console.WriteLine("push -> new artifact (200-file repository, ls-remote + shallow fetch + archive + store):");
    Console.WriteLine($"  median {samples[samples.Count / 2]:0} ms, min {samples[0]:0} ms, max {samples[^1]:0} ms over {samples.Count} pushes");
}

static async Task OciPullAsync(ArtifactStore store, TempDirectory scratch, int megabytes)
{
    await using var registry = await RegistryServer.StartAsync();
    var content = scratch.Combine("oci-content");
    Directory.CreateDirectory(content);
    var random = new Random(42);
    for (var f = 0; f < megabytes; f++)
    {
        var bytes = new byte[1024 * 1024];
        random.NextBytes(bytes);
        await File.WriteAllBytesAsync(Path.Combine(content, $"blob-{f:000}.bin"), bytes);
    }

    var options = new OciClientOptions { Insecure = true, Timeout = TimeSpan.FromMinutes(5) };
    var reference = OciReference.Parse($"oci://{registry.Host}/bench/payload:v1", true);
    await OciArtifactPusher.PushAsync(reference, content, "bench", "bench", DateTimeOffset.UnixEpoch, options, CancellationToken.None);
    using var client = new OciClient(registry.Host, options);
    var manifest = await client.GetManifestAsync("bench/payload", "v1", CancellationToken.None);
    var layer = manifest.Layers[0];
    var raw = Stopwatch.StartNew();
    await client.DownloadBlobAsync("bench/payload", layer.Digest, Stream.Null, CancellationToken.None);
    raw.Stop();
    var source = new OciRepositorySource(store, scratch.Combine("work"));
    Directory.CreateDirectory(scratch.Combine("work"));
    var request = new OciRepositoryRequest
    {
        Key = new ArtifactKey("OCIRepository", "bench", "payload"),
        Url = $"oci://{registry.Host}/bench/payload",
        Tag = "v1",
        Client = options,
        Limits = new ExtractionLimits { MaxBytes = 4L * 1024 * 1024 * 1024 },
    };
    var full = Stopwatch.StartNew();
    await source.ReconcileAsync(request, CancellationToken.None);
    full.Stop();
    var copy = Stopwatch.StartNew();
    await source.ReconcileAsync(request with { Key = request.Key with { Name = "payload-copy" }, LayerOperation = "copy" }, CancellationToken.None);
    copy.Stop();
    var mb = layer.Size / 1024.0 / 1024.0;
    var layerFile = scratch.Combine("layer.tar.gz");
    await using (var file = File.Create(layerFile))
    {
        await client.DownloadBlobAsync("bench/payload", layer.Digest, file, CancellationToken.None);
    }

    var untar = Stopwatch.StartNew();
    await using (var file = File.OpenRead(layerFile))
    {
        await ArchiveExtractor.ExtractAsync(file, scratch.Combine("untarred"), "layer", request.Limits, CancellationToken.None);
    }

    untar.Stop();
    var archive = Stopwatch.StartNew();
    await ArtifactArchiver.WriteAsync(scratch.Combine("untarred"), Stream.Null, null, CancellationToken.None);
    archive.Stop();
    Console.WriteLine($"OCI pull of a {mb:0.0} MiB layer (incompressible) from docker-registry on loopback:");
    Console.WriteLine($"  blob download + sha256 verify   {raw.Elapsed.TotalMilliseconds:0} ms  ({mb / raw.Elapsed.TotalSeconds:0} MiB/s)");
    Console.WriteLine($"  OCIRepository extract (download, verify, untar, re-archive, store)  {full.Elapsed.TotalMilliseconds:0} ms  ({mb / full.Elapsed.TotalSeconds:0} MiB/s)");
    Console.WriteLine($"    of which untar {untar.Elapsed.TotalMilliseconds:0} ms, deterministic tar.gz {archive.Elapsed.TotalMilliseconds:0} ms");
    Console.WriteLine($"  OCIRepository copy (download, verify, store)  {copy.Elapsed.TotalMilliseconds:0} ms  ({mb / copy.Elapsed.TotalSeconds:0} MiB/s)");
}
