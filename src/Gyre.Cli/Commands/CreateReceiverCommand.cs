using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create receiver`: a webhook that asks the given objects to reconcile when called.</summary>
internal static class CreateReceiverCommand
{
    private static readonly string[] ResourceKinds =
    [
        "GitRepository", "OCIRepository", "HelmRepository", "HelmChart", "Bucket", "Kustomization", "HelmRelease",
        "ImageRepository", "ImagePolicy", "ImageUpdateAutomation",
    ];

    public static Command Create(CliConsole console)
    {
        var type = new Option<string>("--type") { Description = "Receiver type: generic, generic-hmac, github, gitlab, bitbucket, harbor, dockerhub, quay, gcr, nexus, acr, cdevents", Required = true };
        var events = new Option<string[]>("--event") { Description = "Event types to accept, e.g. push (repeatable)" };
        var resources = new Option<string[]>("--resource") { Description = "Kind/name[.namespace] to reconcile when called (repeatable)", Required = true };
        var secret = new Option<string>("--secret-ref") { Description = "Secret whose 'token' key signs or authenticates calls", Required = true };
        var command = new Command("receiver", """
            Create or update a webhook Receiver

            Example:
              gyre create receiver github --type github --event ping --event push --resource GitRepository/flux-system --secret-ref webhook-token
            """)
        {
            type, events, resources, secret,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var spec = new JsonObject
            {
                ["interval"] = options.IntervalText(parse),
                ["resources"] = new JsonArray(parse.GetValue(resources)!.Select(r => (JsonNode)KindReference.Parse("--resource", r, "GitRepository", ResourceKinds, withApiVersion: true)).ToArray()),
                ["secretRef"] = new JsonObject { ["name"] = parse.GetValue(secret) },
                ["type"] = parse.GetValue(type),
            };
            if (parse.GetValue(events) is { Length: > 0 } accepted)
            {
                spec["events"] = new JsonArray(accepted.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.Receiver, options.NewObject(parse, FluxKinds.Receiver, spec), wait: true, cancellationToken);
        });
        return command;
    }
}
