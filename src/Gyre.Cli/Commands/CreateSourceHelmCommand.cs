using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create source helm`: a HelmRepository (HTTP index, or type oci for oci:// URLs).</summary>
internal static class CreateSourceHelmCommand
{
    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "Helm repository URL (https:// index or oci:// registry)", Required = true };
        var secret = new Option<string?>("--secret-ref") { Description = "Secret with the repository credentials" };
        var command = new Command("helm", """
            Create or update a HelmRepository source

            Examples:
              gyre create source helm podinfo --url https://stefanprodan.github.io/podinfo
              gyre create source helm podinfo --url oci://ghcr.io/stefanprodan/charts --export
            """)
        {
            url, secret,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var address = parse.GetValue(url)!;
            var spec = new JsonObject { ["interval"] = options.IntervalText(parse), ["url"] = address };
            if (address.StartsWith("oci://", StringComparison.Ordinal))
            {
                spec["type"] = "oci";
            }

            if (parse.GetValue(secret) is { } secretName)
            {
                spec["secretRef"] = new JsonObject { ["name"] = secretName };
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.HelmRepository, options.NewObject(parse, FluxKinds.HelmRepository, spec),
                wait: spec["type"] is null, cancellationToken); // as flux: OCI HelmRepositories are static, never reconciled
        });
        return command;
    }
}
