using System.CommandLine;
using Gyre.Sources.Oci;

namespace Gyre.Cli.Commands;

/// <summary>`gyre push artifact`: publishes a directory as a Flux OCI artifact, as `flux push artifact` does.</summary>
internal static class PushCommand
{
    public static Command Create(CliConsole console)
    {
        var push = new Command("push", "Push artifacts to an OCI registry\n\nExample:\n  gyre push artifact oci://ghcr.io/org/app:v1.0.0 --path ./deploy --source https://github.com/org/app --revision main@sha1:<commit>");
        push.Subcommands.Add(CreateArtifact(console));
        return push;
    }

    private static Command CreateArtifact(CliConsole console)
    {
        var address = new Argument<string>("address") { Description = "oci://<registry>/<repository>:<tag>" };
        var path = new Option<string>("--path") { Description = "Directory to package", Required = true };
        var source = new Option<string>("--source") { Description = "Source URL recorded as org.opencontainers.image.source", Required = true };
        var revision = new Option<string>("--revision") { Description = "Source revision recorded as org.opencontainers.image.revision", Required = true };
        var options = new RegistryOptions();
        var command = new Command("artifact",
            "Package a directory as a tar.gz layer and push it with Flux's media types and annotations\n\n" +
            "Example:\n  gyre push artifact oci://localhost:5000/app:v1 --path ./deploy --source https://github.com/org/app --revision main@sha1:0123abc --insecure-registry")
        {
            address, path, source, revision,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = OciReference.Parse(parse.GetValue(address)!, allowTagOrDigest: true);
            await console.Out.WriteLineAsync($"pushing artifact to {reference}").ConfigureAwait(false);
            var digest = await OciArtifactPusher.PushAsync(reference, parse.GetValue(path)!, parse.GetValue(source)!, parse.GetValue(revision)!,
                TimeProvider.System.GetUtcNow(), options.Read(parse, reference), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"artifact successfully pushed to oci://{reference.Registry}/{reference.Repository}@{digest}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
