using System.CommandLine;
using Gyre.Sources.Oci;

namespace Gyre.Cli.Commands;

/// <summary>Registry flags shared by push and pull, named as the flux CLI names them.</summary>
internal sealed class RegistryOptions
{
    private readonly Option<string?> _creds = new("--creds")
    {
        Description = "Credentials as <username>:<password>; when omitted, --docker-config is consulted",
    };

    private readonly Option<string?> _dockerConfig = new("--docker-config")
    {
        Description = "A Docker config.json to read credentials from (e.g. ~/.docker/config.json)",
    };

    private readonly Option<bool> _insecure = new("--insecure-registry") { Description = "Use plain HTTP (no TLS) to reach the registry" };

    private readonly Option<string?> _caFile = new("--ca-file") { Description = "PEM file with the CA certificates to trust for the registry" };

    public void AddTo(Command command)
    {
        command.Options.Add(_creds);
        command.Options.Add(_dockerConfig);
        command.Options.Add(_insecure);
        command.Options.Add(_caFile);
    }

    public OciClientOptions Read(ParseResult parse, OciReference reference)
    {
        RegistryCredentials? credentials = null;
        if (parse.GetValue(_creds) is { } creds)
        {
            var colon = creds.IndexOf(':', StringComparison.Ordinal);
            credentials = colon < 0 ? new RegistryCredentials(creds, "") : new RegistryCredentials(creds[..colon], creds[(colon + 1)..]);
        }
        else if (parse.GetValue(_dockerConfig) is { } configFile)
        {
            credentials = RegistryCredentials.FromDockerConfig(File.ReadAllBytes(configFile), reference.Registry);
        }

        return new OciClientOptions
        {
            Credentials = credentials,
            Insecure = parse.GetValue(_insecure),
            CaCertificate = parse.GetValue(_caFile) is { } ca ? File.ReadAllBytes(ca) : null,
        };
    }
}
