using System.Text;
using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>GitRepository over HTTPS with a private CA: trusted only through the Secret's ca.crt.</summary>
public sealed class GitTlsTests : IAsyncLifetime, IDisposable
{
    private readonly SourceHarness _harness = new();
    private GitHttpServer _server = null!;
    private string _url = "";
    private string _commit = "";

    public async Task InitializeAsync()
    {
        _server = await GitHttpServer.StartAsync(TestCertificates.Create());
        _url = _server.CreateRepository("tls");
        using var work = new GitWorkTree(_server.PathOf("tls"));
        work.Write("a.yaml", "a");
        _commit = work.Commit("first");
        work.Push();
    }

    [Fact]
    public async Task Custom_ca_from_the_secret_is_trusted()
    {
        var request = new GitRepositoryRequest
        {
            Key = SourceHarness.Key(),
            Url = _url,
            Reference = new GitReference { Branch = "main" },
            Credentials = GitCredentials.FromSecret(new Dictionary<string, byte[]> { ["ca.crt"] = Encoding.ASCII.GetBytes(_server.CaPem!) }),
        };

        var result = await _harness.Git.ReconcileAsync(request, TestTimeout.Token);

        Assert.StartsWith("https://localhost:", _url, StringComparison.Ordinal);
        Assert.Equal($"main@sha1:{_commit}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Unknown_ca_is_refused()
    {
        var request = new GitRepositoryRequest { Key = SourceHarness.Key(), Url = _url, Reference = new GitReference { Branch = "main" } };

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(request, TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
        Assert.Contains("certificate", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Client_certificate_from_the_secret_passes_mutual_tls()
    {
        var certificates = TestCertificates.Create();
        await using var server = await GitHttpServer.StartAsync(certificates, requireClientCertificate: true);
        var url = server.CreateRepository("mtls");
        using (var work = new GitWorkTree(server.PathOf("mtls")))
        {
            work.Commit("first");
            work.Push();
        }

        var ca = Encoding.ASCII.GetBytes(certificates.CaPem);
        var request = new GitRepositoryRequest { Key = SourceHarness.Key("mtls"), Url = url, Reference = new GitReference { Branch = "main" } };
        var withCertificate = request with
        {
            Credentials = GitCredentials.FromSecret(new Dictionary<string, byte[]>
            {
                ["ca.crt"] = ca,
                ["tls.crt"] = Encoding.ASCII.GetBytes(certificates.ClientCertificatePem),
                ["tls.key"] = Encoding.ASCII.GetBytes(certificates.ClientKeyPem),
            }),
        };

        var result = await _harness.Git.ReconcileAsync(withCertificate, TestTimeout.Token);
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _harness.Git.ReconcileAsync(request with { Credentials = new GitCredentials { CaCertificate = ca } }, TestTimeout.Token));

        Assert.StartsWith("main@sha1:", result.Artifact.Revision, StringComparison.Ordinal);
        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _harness.Dispose();
}
