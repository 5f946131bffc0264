using System.CommandLine;
using Gyre.Kustomize;
using Gyre.Cli.Kustomize;
using Gyre.Kustomize.FileSystem;

namespace Gyre.Cli.Commands;

/// <summary>`gyre kustomize build DIR`: prints exactly what `kubectl kustomize DIR` prints.</summary>
internal static class KustomizeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("kustomize", "Build kustomizations with Gyre's in-process kustomize engine\n\nExample:\n  gyre kustomize build ./clusters/production");
        command.Subcommands.Add(CreateBuild(console));
        return command;
    }

    private static Command CreateBuild(CliConsole console)
    {
        var directory = new Argument<string>("DIR") { Description = "The directory holding kustomization.yaml", DefaultValueFactory = _ => "." };
        var loadRestrictor = new Option<string>("--load-restrictor")
        {
            Description = "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone to allow files outside the root",
            DefaultValueFactory = _ => "LoadRestrictionsRootOnly",
        };
        loadRestrictor.AcceptOnlyFromAmong("LoadRestrictionsRootOnly", "LoadRestrictionsNone");
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Fetch remote resources and components (git URLs such as github.com/org/repo//path?ref=v1, and http(s) files), as kubectl kustomize does; refused by default",
        };
        var build = new Command("build", "Print the YAML that `kubectl kustomize DIR` prints (deprecation warnings go to stderr)\n\nExample:\n  gyre kustomize build overlays/prod > manifests.yaml");
        build.Arguments.Add(directory);
        build.Options.Add(loadRestrictor);
        build.Options.Add(allowRemote);
        build.SetAction((parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(directory) ?? ".");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var options = new KustomizeOptions
            {
                DisableLoadRestrictor = parse.GetValue(loadRestrictor) == "LoadRestrictionsNone",
                RemoteFetcher = parse.GetValue(allowRemote) ? new GitRemoteFetcher(http) : null,
            };
            var result = new Kustomizer(new DiskFileSystem(), options).Build(path, cancellationToken);
            foreach (var warning in result.Warnings)
            {
                console.Error.WriteLine(warning);
            }

            console.Out.Write(result.Yaml);
            return Task.FromResult(ExitCodes.Success);
        });
        return build;
    }
}
