using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Gyre.LocalCluster.Bench;

/// <summary>The measured operations, driven over HTTPS the way clients use the server.</summary>
internal static class Bench
{
    public static HttpClient Client(LocalClusterServer server)
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(server.CaCertificatePem);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                {
                    chain!.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    return chain.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(cert!));
                },
            },
        };
        var http = new HttpClient(handler) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        return http;
    }

    public static async Task CreateNamespaceAsync(HttpClient http, string name)
    {
        using var content = Json($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{name}\"}}}}");
        (await http.PostAsync("/api/v1/namespaces", content)).EnsureSuccessStatusCode();
    }

    public static async Task CreateConfigMapsAsync(HttpClient http, string ns, int start, int count, int concurrency)
    {
        var next = start - 1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < start + count)
            {
                using var content = Json($"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"cm-{i}\",\"labels\":{{\"app\":\"bench\"}}}},\"data\":{{\"key\":\"value-{i}\",\"other\":\"{new string('x', 200)}\"}}}}");
                (await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", content)).EnsureSuccessStatusCode();
            }
        });
        await Task.WhenAll(workers);
    }

    public static async Task<(double Median, double P90)> TimeListAsync(HttpClient http, string path, int runs, string? accept)
    {
        var times = new List<double>();
        for (var r = 0; r < runs + 2; r++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            var sw = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync();
            if (r >= 2)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.9)]);
    }

    public static async Task<(double Seconds, long Delivered)> WatchersAsync(HttpClient http, string ns, int watchers, int changes)
    {
        var list = await http.GetStringAsync($"/api/v1/namespaces/{ns}/configmaps?limit=1");
        var rv = System.Text.Json.Nodes.JsonNode.Parse(list)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        long delivered = 0;
        var ready = new CountdownEvent(watchers);
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, watchers).Select(async _ =>
        {
            using var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            ready.Signal();
            var seen = 0;
            while (seen < changes && await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("{\"type\":\"MODIFIED\"", StringComparison.Ordinal))
                {
                    seen++;
                    Interlocked.Increment(ref delivered);
                }
            }
        }).ToList();
        ready.Wait(TimeSpan.FromSeconds(30));
        var sw = Stopwatch.StartNew();
        var next = -1;
        var writers = Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < changes)
            {
                using var content = new StringContent($"{{\"data\":{{\"key\":\"changed-{i}\"}}}}", Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
                (await http.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/cm-{i}", content)).EnsureSuccessStatusCode();
            }
        });
        await Task.WhenAll(writers);
        await Task.WhenAll(tasks);
        return (sw.Elapsed.TotalSeconds, delivered);
    }

    public static async Task<(double First, double Second)> KubectlApplyAsync(LocalClusterServer server, string root, int count)
    {
        var file = Path.Combine(root, "apply.yaml");
        var yaml = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-{i}\n  namespace: default\ndata:\n  index: \"{i}\"\n---\n");
        }

        await File.WriteAllTextAsync(file, yaml.ToString());
        var first = await RunKubectlAsync(server, root, "apply", "--server-side", "-f", file);
        var second = await RunKubectlAsync(server, root, "apply", "--server-side", "-f", file);
        return (first, second);
    }

    /// <summary>The same 1,000 server-side applies sent directly (sequential PATCH application/apply-patch+yaml), without kubectl.</summary>
    public static async Task<double> HttpApplyAsync(HttpClient http, int count)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var content = new StringContent($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: http-applied-{i}\n  namespace: default\ndata:\n  index: \"{i}\"\n", Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
            (await http.PatchAsync($"/api/v1/namespaces/default/configmaps/http-applied-{i}?fieldManager=bench", content)).EnsureSuccessStatusCode();
        }

        return sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> RunKubectlAsync(LocalClusterServer server, string root, params string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(server.KubeconfigPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["HOME"] = Path.Combine(root, "home");
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        _ = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("kubectl failed: " + stderr);
        }

        return sw.Elapsed.TotalSeconds;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
