using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre create secret receiver`, as flux's: the token a Receiver validates calls with (generated when --token is
/// absent) and the webhook URL it will serve, https://HOSTNAME/hook/sha256(token+name+namespace) for a Receiver of
/// the Secret's name, in the notification.toolkit.fluxcd.io/webhook annotation.
/// </summary>
internal static class CreateSecretReceiverCommand
{
    public const string WebhookAnnotation = "notification.toolkit.fluxcd.io/webhook";

    private static readonly string[] Types = ["generic", "generic-hmac", "generic-oidc", "github", "gitlab", "bitbucket", "harbor", "dockerhub", "quay", "gcr", "nexus", "acr", "cdevents"];

    public static Command Create(CliConsole console)
    {
        var type = new Option<string>("--type") { Description = "Receiver type: " + string.Join(", ", Types), Required = true };
        var token = new Option<string?>("--token") { Description = "Token for webhook payload validation (default: 32 random bytes, hex)" };
        var hostname = new Option<string>("--hostname") { Description = "Hostname for the webhook URL, e.g. flux.example.com", Required = true };
        var email = new Option<string?>("--email-claim") { Description = "IAM service account email, required for the gcr type" };
        var audience = new Option<string?>("--audience-claim") { Description = "Custom OIDC token audience for the gcr type (default: the webhook URL)" };
        var command = new Command("receiver", """
            Create or update a Kubernetes Secret for a Receiver webhook, as `flux create secret receiver`

            The webhook URL assumes the Receiver has the Secret's name and namespace.

            Examples:
              gyre create secret receiver github-receiver --type=github --hostname=flux.example.com --export
              gyre create secret receiver gcr-receiver --type=gcr --hostname=flux.example.com --email-claim=sa@project.iam.gserviceaccount.com --export
            """)
        {
            type, token, hostname, email, audience,
        };
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction((parse, cancellationToken) =>
        {
            const string where = "create secret receiver";
            var kind = parse.GetValue(type)!;
            if (!Types.Contains(kind, StringComparer.Ordinal))
            {
                throw new CommandException($"{where}: --type '{kind}': unsupported; use one of {string.Join(", ", Types)}", ExitCodes.Usage);
            }

            var host = parse.GetValue(hostname)!;
            if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(host.Split(':')[0]) == UriHostNameType.Unknown)
            {
                throw new CommandException($"{where}: --hostname '{host}': not a host name (e.g. flux.example.com, no scheme or path)", ExitCodes.Usage);
            }

            if (kind == "gcr" && string.IsNullOrEmpty(parse.GetValue(email)))
            {
                throw new CommandException($"{where}: --email-claim is required for the gcr type", ExitCodes.Usage);
            }

            var secret = parse.GetValue(token) is { Length: > 0 } given ? given : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var (name, ns) = (parse.GetValue(options.Name)!, parse.GetValue(options.Cluster.Namespace)!);
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((kind == "generic-oidc" ? "" : secret) + name + ns)));
            var url = $"https://{host}/hook/{digest}";
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["token"] = secret };
            if (kind == "gcr")
            {
                values["email"] = parse.GetValue(email)!;
                values["audience"] = parse.GetValue(audience) is { Length: > 0 } custom ? custom : url;
            }

            new Progress(console).Generate("webhook URL: " + url);
            var manifest = SecretManifest.Build(parse, options, values, null, new Dictionary<string, string> { [WebhookAnnotation] = url });
            return SecretManifest.ExportOrApplyAsync(parse, console, options, "receiver", manifest, cancellationToken);
        });
        return command;
    }
}
