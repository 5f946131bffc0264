using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create kustomization`: a Kustomization applying a path of a source.</summary>
internal static class CreateKustomizationCommand
{
    private static readonly string[] SourceKinds = ["GitRepository", "OCIRepository", "Bucket", "ExternalArtifact"];

    public static Command Create(CliConsole console)
    {
        var source = new Option<string>("--source") { Description = "[Kind/]name[.namespace] of the source; Kind GitRepository (default), OCIRepository, Bucket, ExternalArtifact", Required = true };
        var path = new Option<string>("--path") { Description = "Path in the source to build", DefaultValueFactory = _ => "./" };
        var prune = new Option<bool>("--prune") { Description = "Delete objects removed from the source" };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "Kustomizations that must be Ready first, name or namespace/name (repeatable)" };
        var targetNamespace = new Option<string?>("--target-namespace") { Description = "Namespace every namespaced object is moved to" };
        var wait = new Option<bool>("--wait") { Description = "Wait for every applied object to be ready (health checks)" };
        var decryption = new Option<string?>("--decryption-provider") { Description = "Decrypt SOPS files: sops" };
        decryption.AcceptOnlyFromAmong("sops");
        var decryptionSecret = new Option<string?>("--decryption-secret") { Description = "Secret with the SOPS keys (age.agekey, *.asc)" };
        var serviceAccount = new Option<string?>("--service-account") { Description = "ServiceAccount to impersonate when applying" };
        var command = new Command("kustomization", """
            Create or update a Kustomization

            Examples:
              gyre create kustomization podinfo --source GitRepository/podinfo --path ./kustomize --prune --interval 10m
              gyre create kustomization apps --source flux-system --path ./apps --depends-on infrastructure --export
            """)
        {
            source, path, prune, dependsOn, targetNamespace, wait, decryption, decryptionSecret, serviceAccount,
        };
        command.Aliases.Add("ks");
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var spec = new JsonObject
            {
                ["interval"] = options.IntervalText(parse),
                ["path"] = parse.GetValue(path),
                ["prune"] = parse.GetValue(prune),
                ["sourceRef"] = KindReference.Parse("--source", parse.GetValue(source)!, "GitRepository", SourceKinds),
            };
            if (parse.GetValue(dependsOn) is { Length: > 0 } dependencies)
            {
                spec["dependsOn"] = new JsonArray(dependencies.Select(d => (JsonNode)(d.Split('/', 2) is [var ns, var name]
                    ? new JsonObject { ["name"] = name, ["namespace"] = ns }
                    : new JsonObject { ["name"] = d })).ToArray());
            }

            CreateSourceGitCommand.Set(spec, "targetNamespace", parse.GetValue(targetNamespace));
            CreateSourceGitCommand.Set(spec, "serviceAccountName", parse.GetValue(serviceAccount));
            if (parse.GetValue(wait))
            {
                spec["wait"] = true;
            }

            if (parse.GetValue(decryption) is { } provider)
            {
                spec["decryption"] = new JsonObject { ["provider"] = provider };
                if (parse.GetValue(decryptionSecret) is { } secret)
                {
                    spec["decryption"]!["secretRef"] = new JsonObject { ["name"] = secret };
                }
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.Kustomization, options.NewObject(parse, FluxKinds.Kustomization, spec), wait: true, cancellationToken);
        });
        return command;
    }
}
