using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create alert`: forwards events of the given objects to a Provider.</summary>
internal static class CreateAlertCommand
{
    internal static readonly string[] EventSourceKinds =
    [
        "GitRepository", "OCIRepository", "HelmRepository", "HelmChart", "Bucket", "Kustomization", "HelmRelease",
        "ImageRepository", "ImagePolicy", "ImageUpdateAutomation", "ExternalArtifact", "ArtifactGenerator",
    ];

    public static Command Create(CliConsole console)
    {
        var provider = new Option<string>("--provider-ref") { Description = "The Provider to send to", Required = true };
        var eventSources = new Option<string[]>("--event-source") { Description = "Kind/name[.namespace] whose events are sent; name * for all (repeatable)", Required = true };
        var severity = new Option<string>("--event-severity") { Description = "Minimum severity: info or error", DefaultValueFactory = _ => "info" };
        severity.AcceptOnlyFromAmong("info", "error");
        var command = new Command("alert", """
            Create or update an Alert

            Example:
              gyre create alert on-call --provider-ref slack --event-source Kustomization/* --event-source GitRepository/flux-system --event-severity error
            """)
        {
            provider, eventSources, severity,
        };
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction((parse, cancellationToken) =>
        {
            var spec = new JsonObject
            {
                ["eventSeverity"] = parse.GetValue(severity),
                ["eventSources"] = new JsonArray(parse.GetValue(eventSources)!.Select(s => (JsonNode)KindReference.Parse("--event-source", s, "Kustomization", EventSourceKinds)).ToArray()),
                ["providerRef"] = new JsonObject { ["name"] = parse.GetValue(provider) },
            };
            return options.ExportOrApplyAsync(parse, console, FluxKinds.Alert, options.NewObject(parse, FluxKinds.Alert, spec), wait: false, cancellationToken);
        });
        return command;
    }
}
