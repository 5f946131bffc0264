using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create secret proxy`: a proxy address with optional credentials, keyed as flux's proxySecretRef reads them.</summary>
internal static class CreateSecretProxyCommand
{
    public static Command Create(CliConsole console)
    {
        var address = new Option<string>("--address") { Description = "Proxy address, e.g. http://proxy.example.com:8080", Required = true };
        var username = new Option<string?>("--username", "-u") { Description = "Proxy username" };
        var password = new Option<string?>("--password", "-p") { Description = "Proxy password" };
        var command = new Command("proxy", """
            Create or update a Kubernetes Secret for proxy authentication, as `flux create secret proxy`

            Example:
              gyre create secret proxy my-proxy --address=https://my-proxy.com --username=my-username --password=my-password --export
            """)
        {
            address, username, password,
        };
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction((parse, cancellationToken) =>
        {
            const string where = "create secret proxy";
            var text = parse.GetValue(address)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Scheme is not ("http" or "https" or "socks5"))
            {
                throw new CommandException($"{where}: --address '{text}': not a proxy URL (http://, https:// or socks5://host:port)", ExitCodes.Usage);
            }

            var (user, pass) = (parse.GetValue(username), parse.GetValue(password));
            if (string.IsNullOrEmpty(user) != string.IsNullOrEmpty(pass))
            {
                throw new CommandException($"{where}: --username and --password go together: pass both or neither", ExitCodes.Usage);
            }

            var values = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["address"] = text };
            if (!string.IsNullOrEmpty(user))
            {
                values["username"] = user;
                values["password"] = pass!;
            }

            return SecretManifest.ExportOrApplyAsync(parse, console, options, "proxy", SecretManifest.Build(parse, options, values, null), cancellationToken);
        });
        return command;
    }
}
