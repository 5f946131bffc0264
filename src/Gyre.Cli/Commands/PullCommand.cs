using System.CommandLine;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Oci;

namespace Gyre.Cli.Commands;

/// <summary>`gyre pull artifact`: downloads a Flux OCI artifact and extracts it, as `flux pull artifact` does.</summary>
internal static class PullCommand
{
    public static Command Create(CliConsole console)
    {
        var pull = new Command("pull", "Pull artifacts from an OCI registry\n\nExample:\n  gyre pull artifact oci://ghcr.io/org/app:v1.0.0 --output ./out");
        pull.Subcommands.Add(CreateArtifact(console));
        return pull;
    }

    private static Command CreateArtifact(CliConsole console)
    {
        var address = new Argument<string>("address") { Description = "oci://<registry>/<repository>:<tag> or @<digest>" };
        var output = new Option<string>("--output", "-o") { Description = "Directory to extract the artifact into", Required = true };
        var options = new RegistryOptions();
        var command = new Command("artifact",
            "Download an OCI artifact and extract its content layer (unsafe paths, links and oversized archives are refused)\n\n" +
            "Example:\n  gyre pull artifact oci://localhost:5000/app:v1 --output ./app --insecure-registry")
        {
            address, output,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = OciReference.Parse(parse.GetValue(address)!, allowTagOrDigest: true);
            var manifest = await OciArtifactPuller.PullAsync(reference, parse.GetValue(output)!, options.Read(parse, reference), ExtractionLimits.Default,
                cancellationToken).ConfigureAwait(false);
            manifest.Annotations.TryGetValue(OciAnnotations.Source, out var source);
            manifest.Annotations.TryGetValue(OciAnnotations.Revision, out var revision);
            await console.Out.WriteLineAsync($"pulled {reference}@{manifest.Digest}").ConfigureAwait(false);
            if (source is not null || revision is not null)
            {
                await console.Out.WriteLineAsync($"source {source} revision {revision}").ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync($"extracted to {parse.GetValue(output)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
