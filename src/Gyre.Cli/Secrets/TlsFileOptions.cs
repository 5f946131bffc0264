using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Secrets;

/// <summary>
/// --tls-crt-file, --tls-key-file and --ca-crt-file (flux's older --cert-file, --key-file, --ca-file still accepted),
/// stored as tls.crt, tls.key and ca.crt; a certificate and key that do not belong together are refused.
/// </summary>
internal sealed class TlsFileOptions
{
    private readonly Option<string?> _certificate = new("--tls-crt-file", "--cert-file") { Description = "TLS client certificate file (PEM)" };
    private readonly Option<string?> _key = new("--tls-key-file", "--key-file") { Description = "TLS client private key file (PEM)" };
    private readonly Option<string?> _ca = new("--ca-crt-file", "--ca-file") { Description = "TLS CA certificate file (PEM)" };

    public static TlsFileOptions AddTo(Command command)
    {
        var options = new TlsFileOptions();
        command.Options.Add(options._certificate);
        command.Options.Add(options._key);
        command.Options.Add(options._ca);
        return options;
    }

    public bool Any(ParseResult parse) => parse.GetValue(_certificate) is not null || parse.GetValue(_key) is not null || parse.GetValue(_ca) is not null;

    public async Task AddAsync(ParseResult parse, SortedDictionary<string, string> values, string where, CancellationToken cancellationToken)
    {
        var (certificateFile, keyFile) = (parse.GetValue(_certificate), parse.GetValue(_key));
        if ((certificateFile is null) != (keyFile is null))
        {
            throw new CommandException($"{where}: {(certificateFile is null ? "--tls-key-file needs --tls-crt-file" : "--tls-crt-file needs --tls-key-file")}: a client certificate goes with its key", ExitCodes.Usage);
        }

        if (certificateFile is not null)
        {
            var certificate = await SecretFiles.ReadTextAsync(certificateFile, "--tls-crt-file", where, cancellationToken).ConfigureAwait(false);
            var key = await SecretFiles.ReadTextAsync(keyFile!, "--tls-key-file", where, cancellationToken).ConfigureAwait(false);
            try
            {
                using var pair = X509Certificate2.CreateFromPem(certificate, key);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                throw new CommandException($"{where}: --tls-crt-file {certificateFile} and --tls-key-file {keyFile}: not a PEM certificate and its private key: {ex.Message}", ExitCodes.Usage);
            }

            values["tls.crt"] = certificate;
            values["tls.key"] = key;
        }

        if (parse.GetValue(_ca) is { } caFile)
        {
            var ca = await SecretFiles.ReadTextAsync(caFile, "--ca-crt-file", where, cancellationToken).ConfigureAwait(false);
            try
            {
                X509CertificateLoader.LoadCertificate(PemEncoding.Find(ca) is var found ? Convert.FromBase64String(ca[found.Base64Data]) : []).Dispose();
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
            {
                throw new CommandException($"{where}: --ca-crt-file {caFile}: not a PEM certificate: {ex.Message}", ExitCodes.Usage);
            }

            values["ca.crt"] = ca;
        }
    }
}
