using System.CommandLine;
using Gyre.Templates.Protocol;

namespace Gyre.Cli.Commands;

/// <summary>`gyre debug`: tools for comparing Gyre's engines with their reference implementations.</summary>
internal static class DebugCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("debug", "Debugging tools that compare Gyre's engines with their references\n\nExample:\n  gyre debug gotemplate < request.json");
        command.Subcommands.Add(CreateGotemplate(console));
        return command;
    }

    private static Command CreateGotemplate(CliConsole console)
    {
        var command = new Command(
            "gotemplate",
            "Render a Go text/template request (the gotemplate oracle's JSON protocol) read from stdin; prints the JSON response\n\n" +
            "Request fields: templates, entry, data, helm, yamlData, valuesYaml, numbers, strict, keepNoValue, options, tz.\n" +
            "Response: {\"output\": ..., \"error\": ..., \"helmError\": ...} on one line.\n\n" +
            "Example:\n" +
            "  echo '{\"templates\": {\"t\": \"{{ .name | upper }}\"}, \"data\": {\"name\": \"web\"}}' | gyre debug gotemplate");
        command.SetAction(async (_, cancellationToken) =>
        {
            var request = await console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var response = RenderRequest.Handle(request, TimeProvider.System);
            await console.Out.WriteLineAsync(response).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
