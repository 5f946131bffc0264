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
        var command = new Command("migrate", """
            Rewrite older Flux apiVersions (v1beta1, v1beta2, v2beta1, ...) in a repository to the versions Flux v2.8 serves

            Examples:
              gyre migrate -f ./clusters --dry-run
              gyre migrate -f .
            """)
        {
            path, dryRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = Path.GetFullPath(parse.GetValue(path)!);
            var files = File.Exists(root) ? [root]
                : Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                    .Where(f => (f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal).ToList()
                : throw new CommandException($"migrate: {root}: no such file or directory", ExitCodes.Usage);
            var progress = new Progress(console);
            var changed = 0;
            foreach (var file in files)
            {
                var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                var (migrated, changes) = ApiVersionMigration.Migrate(text);
                if (changes.Count == 0)
                {
                    continue;
                }

                changed++;
                var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
                foreach (var change in changes)
                {
                    await console.Out.WriteLineAsync($"{relative}: {change}").ConfigureAwait(false);
                }

                if (!parse.GetValue(dryRun))
                {
                    await File.WriteAllTextAsync(file, migrated, cancellationToken).ConfigureAwait(false);
                }
            }

            progress.Success(changed == 0 ? "nothing to migrate" : $"{(parse.GetValue(dryRun) ? "would migrate" : "migrated")} {changed} file(s)");
            return ExitCodes.Success;
        });
        return command;
    }
}
