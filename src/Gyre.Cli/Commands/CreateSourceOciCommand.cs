using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create source oci`: an OCIRepository following a tag, semver range or digest.</summary>
internal static class CreateSourceOciCommand
{
    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "OCI repository URL (oci://registry/repository)", Required = true };
        var tag = new Option<string?>("--tag") { Description = "Tag to pull" };
        var semver = new Option<string?>("--tag-semver") { Description = "Semver range the newest matching tag is picked from" };
        var digest = new Option<string?>("--digest") { Description = "Digest to pull (sha256:...)" };
        var secret = new Option<string?>("--secret-ref") { Description = "Secret of type kubernetes.io/dockerconfigjson with registry credentials" };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP registries" };
        var command = new Command("oci", """
            Create or update an OCIRepository source

            Example:
              gyre create source oci podinfo --url oci://ghcr.io/stefanprodan/manifests/podinfo --tag latest
            """)
        {
            url, tag, semver, digest, secret, insecure,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (!(parse.GetValue(url) ?? string.Empty).StartsWith("oci://", StringComparison.Ordinal))
            {
                throw new CommandException($"--url '{parse.GetValue(url)}': an OCIRepository URL starts with oci://, e.g. oci://ghcr.io/org/manifests", ExitCodes.Usage);
            }

            var reference = new JsonObject();
            CreateSourceGitCommand.Set(reference, "tag", parse.GetValue(tag));
            CreateSourceGitCommand.Set(reference, "semver", parse.GetValue(semver));
            CreateSourceGitCommand.Set(reference, "digest", parse.GetValue(digest));
            if (reference.Count == 0)
            {
                reference["tag"] = "latest";
            }

            var spec = new JsonObject { ["interval"] = options.IntervalText(parse), ["ref"] = reference, ["url"] = parse.GetValue(url) };
            if (parse.GetValue(secret) is { } secretName)
            {
                spec["secretRef"] = new JsonObject { ["name"] = secretName };
            }

            if (parse.GetValue(insecure))
            {
                spec["insecure"] = true;
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.OciRepository, options.NewObject(parse, FluxKinds.OciRepository, spec), wait: true, cancellationToken);
        });
        return command;
    }
}
