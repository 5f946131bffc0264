using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create image repository`: an ImageRepository scanning an image's tags, with flux's flags.</summary>
internal static class CreateImageRepositoryCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Option<string>("--image") { Description = "The image to scan, without a tag, e.g. ghcr.io/stefanprodan/podinfo", Required = true };
        var secret = new Option<string?>("--secret-ref") { Description = "Secret (docker-registry) with the registry credentials" };
        var certSecret = new Option<string?>("--cert-secret-ref") { Description = "Secret with TLS certificates (tls.crt, tls.key, ca.crt)" };
        var proxySecret = new Option<string?>("--proxy-secret-ref") { Description = "Secret with the proxy address and credentials" };
        var serviceAccount = new Option<string?>("--service-account-name") { Description = "ServiceAccount whose image pull secrets are used" };
        var scanTimeout = DurationOption.Create("--timeout", "Timeout for a scan (default: the interval)", TimeSpan.Zero);
        var provider = new Option<string>("--provider") { Description = "Cloud provider for contextual login: generic, aws, azure, gcp", DefaultValueFactory = _ => "generic" };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP (no TLS) to the registry" };
        var exclusions = new Option<string[]>("--exclusion-list") { Description = "Regular expressions of tags to leave out (repeatable or comma separated)" };
        var command = new Command("repository", """
            Create or update an ImageRepository that scans an image's tags, as `flux create image repository`

            Examples:
              gyre create image repository podinfo --image=ghcr.io/stefanprodan/podinfo --interval=1h
              gyre create image repository private --image=registry.example.com/team/app --secret-ref=registry-auth --exclusion-list='^.*\.sig$' --export
            """)
        {
            image, secret, certSecret, proxySecret, serviceAccount, scanTimeout, provider, insecure, exclusions,
        };
        var options = CreateOptions.AddTo(command, timeout: false);
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(image)!;
            ImageName.Validate(name, "--image");
            var kind = parse.GetValue(provider)!;
            if (kind is not ("generic" or "aws" or "azure" or "gcp"))
            {
                throw new CommandException($"--provider '{kind}': unsupported; use generic, aws, azure or gcp", ExitCodes.Usage);
            }

            var spec = new JsonObject();
            if (parse.GetValue(certSecret) is { Length: > 0 } cert)
            {
                spec["certSecretRef"] = new JsonObject { ["name"] = cert };
            }

            var excluded = (parse.GetValue(exclusions) ?? []).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            foreach (var pattern in excluded)
            {
                ImageName.ValidateRegex(pattern, "--exclusion-list");
            }

            if (excluded.Count > 0)
            {
                spec["exclusionList"] = new JsonArray(excluded.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
            }

            spec["image"] = name;
            if (parse.GetValue(insecure))
            {
                spec["insecure"] = true;
            }

            spec["interval"] = options.IntervalText(parse);
            spec["provider"] = kind;
            if (parse.GetValue(proxySecret) is { Length: > 0 } proxy)
            {
                spec["proxySecretRef"] = new JsonObject { ["name"] = proxy };
            }

            if (parse.GetValue(secret) is { Length: > 0 } secretName)
            {
                spec["secretRef"] = new JsonObject { ["name"] = secretName };
            }

            if (parse.GetValue(serviceAccount) is { Length: > 0 } account)
            {
                spec["serviceAccountName"] = account;
            }

            if (parse.GetValue(scanTimeout) is { } timeout && timeout > TimeSpan.Zero)
            {
                spec["timeout"] = DurationOption.Format(timeout);
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.ImageRepository, options.NewObject(parse, FluxKinds.ImageRepository, spec), wait: true, cancellationToken);
        });
        return command;
    }
}
