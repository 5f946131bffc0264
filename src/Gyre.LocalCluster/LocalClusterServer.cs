using System.Net;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Controllers;
using Gyre.LocalCluster.Http;
using Gyre.LocalCluster.Security;
using Gyre.LocalCluster.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.LocalCluster;

/// <summary>
/// A running local cluster: a Kubernetes-compatible API server over HTTPS on 127.0.0.1, with SQLite storage and
/// a workload simulator. Start it with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class LocalClusterServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ClusterCertificates _certificates;
    private readonly TokenAuthenticator _tokens;
    private readonly ClusterControllers _controllers;

    private LocalClusterServer(WebApplication app, ObjectStore store, ClusterCertificates certificates, TokenAuthenticator tokens, ClusterControllers controllers, Uri baseUrl, string adminToken, string kubeconfigPath)
    {
        _app = app;
        _store = store;
        _certificates = certificates;
        _tokens = tokens;
        _controllers = controllers;
        BaseUrl = baseUrl;
        AdminToken = adminToken;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The HTTPS base URL, e.g. https://127.0.0.1:43211.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The bearer token of the cluster administrator (group system:masters).</summary>
    public string AdminToken { get; }

    /// <summary>DIR/kubeconfig: the admin credentials and the CA, for kubectl and clients.</summary>
    public string KubeconfigPath { get; }

    /// <summary>The PEM of the CA that signed the serving certificate.</summary>
    public string CaCertificatePem => _certificates.CaPem;

    /// <summary>The highest resourceVersion written so far.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    public static async Task<LocalClusterServer> StartAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var certificates = ClusterCertificates.LoadOrCreate(options.DataDirectory, options.Time.GetUtcNow());
        var tokens = new TokenAuthenticator(Path.Combine(options.DataDirectory, "tokens.json"));
        var store = ObjectStore.Open(Path.Combine(options.DataDirectory, "cluster.db"), options.WatchCacheSize);
        var catalog = new ResourceCatalog();
        var state = new ClusterState(store, catalog, options.Time, options);
        var controllers = new ClusterControllers(state);
        controllers.Bootstrap();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            // The body limit is enforced by the API layer (3 MiB, 413 as a Status); Kestrel's own 30 MB cap stays as a backstop.
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificates.Serving,
                    // Client certificates are optional and verified against the cluster CA by the authenticator (401 otherwise).
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            });
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var clientCertificates = new ClientCertificateAuthenticator(certificates.Ca);
        var serviceAccountTokens = new ServiceAccountTokens(certificates.Ca, store, options.Time);
        var router = new ApiRouter(state, tokens, clientCertificates, serviceAccountTokens);
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUrl = new Uri($"https://127.0.0.1:{port}");
        var adminToken = LoadOrMintAdminToken(options.DataDirectory, tokens);
        var kubeconfigPath = Path.Combine(options.DataDirectory, "kubeconfig");
        Kubeconfig.Write(kubeconfigPath, baseUrl, certificates.CaPem, "admin", adminToken);
        controllers.Start();
        return new LocalClusterServer(app, store, certificates, tokens, controllers, baseUrl, adminToken, kubeconfigPath);
    }

    /// <summary>Mints a bearer token for a user with the given groups (members of system:masters are cluster admins).</summary>
    public string CreateToken(string user, params string[] groups) => _tokens.Mint(new UserInfo(user, groups));

    /// <summary>Issues a client certificate signed by the cluster CA: it authenticates as <paramref name="user"/> with the groups as Organization values.</summary>
    public (string CertificatePem, string KeyPem) CreateClientCertificate(string user, params string[] groups) =>
        new ClientCertificateAuthenticator(_certificates.Ca).Issue(user, groups, TimeProvider.System.GetUtcNow());

    /// <summary>Mints a token for a service account, authenticated as system:serviceaccount:{namespace}:{name}.</summary>
    public string CreateServiceAccountToken(string ns, string name) =>
        _tokens.Mint(new UserInfo($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", "system:serviceaccounts:" + ns]));

    /// <summary>Writes a kubeconfig for another identity (e.g. a service account token) next to the admin one.</summary>
    public string WriteKubeconfig(string fileName, string userName, string token)
    {
        var path = Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, fileName);
        Kubeconfig.Write(path, BaseUrl, CaCertificatePem, userName, token);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        // Open watches would otherwise hold Kestrel's graceful shutdown for its whole timeout (30 s).
        _store.CloseWatches();
        await _controllers.StopAsync().ConfigureAwait(false);
        _controllers.Dispose();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        _certificates.Dispose();
    }

    private static string LoadOrMintAdminToken(string directory, TokenAuthenticator tokens)
    {
        var path = Path.Combine(directory, "admin.token");
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (tokens.Authenticate(existing) is not null)
            {
                return existing;
            }
        }

        var token = tokens.Mint(new UserInfo("admin", [UserInfo.MastersGroup]));
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return token;
    }
}
