using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gyre.Kube.Config;
using Gyre.Kube.Transport;

namespace Gyre.Kube.Auth;

/// <summary>
/// Puts a connection's credentials on each request: bearer token (static, file or exec plugin), basic auth, and
/// impersonation headers; and supplies the exec plugin's client certificate to TLS. After a 401 the refreshable
/// credentials (token file, exec plugin) are dropped once so the retry uses fresh ones, as client-go does.
/// </summary>
internal sealed class KubeCredentials : IDisposable
{
    private readonly KubeConnection _connection;
    private readonly TokenFileSource? _tokenFile;
    private readonly ExecCredentialPlugin? _exec;
    private readonly Lock _certificateGate = new();
    private X509Certificate2? _execCertificate;
    private string? _execCertificatePem;

    public KubeCredentials(KubeConnection connection, TimeProvider timeProvider)
    {
        _connection = connection;
        _tokenFile = connection.TokenFile is null || connection.Token is not null ? null : new TokenFileSource(connection.TokenFile, timeProvider);
        _exec = connection.Exec is null ? null : new ExecCredentialPlugin(connection.Exec, connection, timeProvider);
    }

    /// <summary>True when a 401 can be answered by fetching new credentials.</summary>
    public bool CanRefresh => _tokenFile is not null || _exec is not null;

    /// <summary>The client certificate an exec plugin returned, for the TLS handshake.</summary>
    public X509Certificate2? ExecCertificate => Volatile.Read(ref _execCertificate);

    /// <summary>Adds Authorization and Impersonate-* headers; returns what to invalidate if the server answers 401.</summary>
    public async Task<object?> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        object? used = null;
        if (_exec is not null)
        {
            var credential = await _exec.GetAsync(cancellationToken).ConfigureAwait(false);
            used = credential;
            if (!string.IsNullOrEmpty(credential.Token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Token);
            }

            UpdateCertificate(credential);
        }
        else if (!string.IsNullOrEmpty(_connection.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.Token);
        }
        else if (_tokenFile is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokenFile.GetAsync(cancellationToken).ConfigureAwait(false));
            used = _tokenFile;
        }
        else if (!string.IsNullOrEmpty(_connection.Username))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_connection.Username}:{_connection.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        if (_connection.Impersonate is { } impersonate)
        {
            foreach (var (name, values) in impersonate.Headers())
            {
                RepeatedHeaders.Add(request, name, values);
            }
        }

        return used;
    }

    /// <summary>Drops the credentials the server rejected.</summary>
    public void Invalidate(object? used)
    {
        switch (used)
        {
            case ExecCredential credential:
                _exec?.Invalidate(credential);
                break;
            case TokenFileSource source:
                source.Invalidate();
                break;
        }
    }

    private void UpdateCertificate(ExecCredential credential)
    {
        if (string.IsNullOrEmpty(credential.ClientCertificatePem) || string.IsNullOrEmpty(credential.ClientKeyPem)
            || string.Equals(credential.ClientCertificatePem, Volatile.Read(ref _execCertificatePem), StringComparison.Ordinal))
        {
            return;
        }

        lock (_certificateGate)
        {
            // Only the plugin's current credential may replace the certificate, never a stale one a slower request holds.
            if (!ReferenceEquals(credential, _exec?.Current)
                || string.Equals(credential.ClientCertificatePem, _execCertificatePem, StringComparison.Ordinal))
            {
                return;
            }

            // The previous certificate belongs to the connection pool that presented it (KubeHttpTransport disposes both).
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(credential.ClientCertificatePem, credential.ClientKeyPem);
            }
            catch (CryptographicException e)
            {
                throw new KubeConfigException(null, "user.exec",
                    $"credential plugin '{_connection.Exec!.Command}' returned a client certificate and key that cannot be loaded: {e.Message}", e);
            }

            Volatile.Write(ref _execCertificate, certificate);
            Volatile.Write(ref _execCertificatePem, credential.ClientCertificatePem);
        }
    }

    public void Dispose()
    {
        _tokenFile?.Dispose();
        _exec?.Dispose();
        _execCertificate?.Dispose();
    }
}
