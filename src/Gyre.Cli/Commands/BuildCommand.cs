using System.CommandLine;
using Gyre.Cli.Build;
using Gyre.Cli.Flux;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.Cli.Commands;

/// <summary>`gyre build kustomization NAME --path DIR`: the objects the controller would apply from a local checkout.</summary>
internal static class BuildCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("build", "Build Flux objects locally\n\nExample:\n  gyre build kustomization apps --path ./apps/production");
        var name = new Argument<string>("NAME") { Description = "The Kustomization in the cluster whose settings (postBuild, decryption, patches...) apply" };
        var path = new Option<string>("--path") { Description = "Local directory to build instead of the source's", Required = true };
        var kustomization = new Command("kustomization", """
            Print the exact objects the controller would apply from a local directory: kustomize build, SOPS decryption,
            postBuild substitution and Flux's labels (Secret values masked)

            Example:
              gyre build kustomization apps --path ./apps/production
            """)
        {
            name, path,
        };
        kustomization.Aliases.Add("ks");
        var cluster = ClusterOptions.AddTo(kustomization);
        kustomization.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var resource = await FluxResources.ForAsync(client, FluxKinds.Kustomization, cancellationToken).ConfigureAwait(false);
            var obj = new KubeObject(await FluxResources.GetAsync(resource, FluxKinds.Kustomization, cluster.NamespaceOf(parse)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false));
            var objects = await LocalKustomizationBuild.BuildAsync(client, obj, parse.GetValue(path)!, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteAsync(string.Concat(objects.Select(o => "---\n" + YamlWriter.Write(SecretMask.Apply(o.Json))))).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(kustomization);
        return command;
    }
}
