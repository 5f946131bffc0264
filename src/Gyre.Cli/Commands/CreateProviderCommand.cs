using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create alert-provider`: where Alerts send events (Slack, Teams, a generic webhook, a Git commit status...).</summary>
internal static class CreateProviderCommand
{
    public static Command Create(CliConsole console)
    {
        var type = new Option<string>("--type") { Description = "Provider type: slack, msteams, discord, generic, generic-hmac, github, gitlab, gitea, bitbucket, ...", Required = true };
        var channel = new Option<string?>("--channel") { Description = "Channel to post to" };
        var username = new Option<string?>("--username") { Description = "Bot user name" };
        var address = new Option<string?>("--address") { Description = "Webhook or API address (a Secret's 'address' key wins)" };
        var secret = new Option<string?>("--secret-ref") { Description = "Secret with the address, token or credentials" };
        var command = new Command("alert-provider", """
            Create or update a notification Provider

            Example:
              gyre create alert-provider slack --type slack --channel general --secret-ref slack-url
            """)
        {
            type, channel, username, address, secret,
        };
        command.Aliases.Add("provider");
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction((parse, cancellationToken) =>
        {
            var spec = new JsonObject { ["type"] = parse.GetValue(type) };
            CreateSourceGitCommand.Set(spec, "channel", parse.GetValue(channel));
            CreateSourceGitCommand.Set(spec, "username", parse.GetValue(username));
            CreateSourceGitCommand.Set(spec, "address", parse.GetValue(address));
            if (parse.GetValue(secret) is { } secretName)
            {
                spec["secretRef"] = new JsonObject { ["name"] = secretName };
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.Provider, options.NewObject(parse, FluxKinds.Provider, spec), wait: false, cancellationToken);
        });
        return command;
    }
}
