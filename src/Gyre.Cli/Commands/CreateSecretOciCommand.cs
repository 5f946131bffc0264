using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create secret oci`: registry credentials as a kubernetes.io/dockerconfigjson Secret, as flux's.</summary>
internal static class CreateSecretOciCommand
{
    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "Registry address, e.g. ghcr.io", Required = true };
        var username = new Option<string>("--username", "-u") { Description = "Registry username", Required = true };
        var password = new Option<string>("--password", "-p") { Description = "Registry password or token", Required = true };
        var command = new Command("oci", """
            Create or update a Kubernetes Secret for OCI registry authentication (.dockerconfigjson), as `flux create secret oci`

            Example:
              gyre create secret oci ghcr-auth --url=ghcr.io --username=username --password=password --export > ghcr-auth.yaml
            """)
        {
            url, username, password,
        };
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction((parse, cancellationToken) =>
        {
            var registry = parse.GetValue(url)!;
            if (registry.Length == 0 || registry.Contains("://", StringComparison.Ordinal) && !Uri.TryCreate(registry, UriKind.Absolute, out _))
            {
                throw new CommandException($"create secret oci: --url '{registry}': not a registry address (e.g. ghcr.io)", ExitCodes.Usage);
            }

            var (user, pass) = (parse.GetValue(username)!, parse.GetValue(password)!);
            var entry = new JsonObject
            {
                ["username"] = user,
                ["password"] = pass,
                ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + pass)),
            };
            var config = new JsonObject { ["auths"] = new JsonObject { [registry] = entry } };
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal) { [".dockerconfigjson"] = config.ToJsonString() };
            return SecretManifest.ExportOrApplyAsync(parse, console, options, "oci", SecretManifest.Build(parse, options, values, "kubernetes.io/dockerconfigjson"), cancellationToken);
        });
        return command;
    }
}
