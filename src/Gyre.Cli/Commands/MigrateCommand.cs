using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Migrate;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>`gyre migrate -f PATH`: rewrites removed Flux apiVersions in YAML files to the served ones, in place.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Option<string>("--path", "-f") { Description = "A YAML file or a directory (searched recursively for *.yaml and *.yml)", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change without writing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation before writing" };
        var extensions = new Option<string[]>("--extensions", "-e")
        {
            Description = "File extensions to migrate, comma-separated (.tpl for Helm templates)",
            DefaultValueFactory = _ => [".yaml", ".yml"],
            AllowMultipleArgumentsPerToken = true,
        };
        var version = new Option<string>("--version", "-v")
        {
            Description = $"The Flux minor version whose latest apiVersions to migrate to ({string.Join(", ", LatestApiVersions.Supported)})",
            DefaultValueFactory = _ => LatestApiVersions.Supported[0],
        };
        var command = new Command("migrate", """
            Rewrite older Flux apiVersions (v1beta1, v1beta2, v2beta1, ...) in a repository to the latest ones, as `flux migrate -f` does

            Every object is migrated wherever it is written (documents, list items, nested objects, Helm templates);
            only the version on the apiVersion line changes, every other byte of the file is kept.

            Examples:
              gyre migrate -f . --dry-run
              gyre migrate -f ./clusters --yes
              gyre migrate -f . --extensions=.yml,.yaml,.tpl --version=2.6
            """)
        {
            path, dryRun, yes, extensions, version,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var latest = LatestApiVersions.For(parse.GetValue(version)!)
                ?? throw new CommandException($"migrate: version {parse.GetValue(version)} is not supported; supported versions are: {string.Join(", ", LatestApiVersions.Supported)}", ExitCodes.Usage);
            var suffixes = parse.GetValue(extensions)!.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var files = MigrationFiles.List(Path.GetFullPath(parse.GetValue(path)!), suffixes);
            var progress = new Progress(console);
            progress.Action("starting migration of custom resources");
            var pending = new List<(string File, string Text)>();
            foreach (var file in files)
            {
                var (migrated, changes) = ApiVersionMigration.Migrate(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), latest);
                var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
                foreach (var change in changes)
                {
                    await console.Out.WriteLineAsync($"{relative}:{change.Line}: {change.Kind} {change.OldVersion} -> {change.NewVersion}").ConfigureAwait(false);
                }

                if (changes.Count > 0)
                {
                    pending.Add((file, migrated));
                }
            }

            if (pending.Count == 0)
            {
                progress.Success("no custom resources found that require migration");
                return ExitCodes.Success;
            }

            if (parse.GetValue(dryRun))
            {
                progress.Success($"dry-run mode enabled, no changes will be made ({pending.Count} file(s) would be migrated)");
                return ExitCodes.Success;
            }

            if (!parse.GetValue(yes))
            {
                await console.Error.WriteAsync("Are you sure you want to proceed with the above upgrades? [y/N] ").ConfigureAwait(false);
                var answer = (await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
                if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CommandException("migrate: not confirmed; no file changed (use --yes in scripts)");
                }
            }

            foreach (var (file, text) in pending)
            {
                await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
                progress.Success($"file {Path.GetRelativePath(Directory.GetCurrentDirectory(), file)} migrated successfully");
            }

            progress.Success($"migrated {pending.Count} file(s)");
            return ExitCodes.Success;
        });
        return command;
    }
}
