using Gyre.Cli.Flux;

namespace Gyre.Cli.Migrate;

/// <summary>The files `gyre migrate -f PATH` looks at: PATH itself, or every file under it with one of the extensions (.git skipped).</summary>
internal static class MigrationFiles
{
    public static IReadOnlyList<string> List(string root, IReadOnlyList<string> extensions)
    {
        bool Matches(string file) => extensions.Any(e => file.EndsWith(e, StringComparison.Ordinal));
        if (File.Exists(root))
        {
            return Matches(root)
                ? [root]
                : throw new CommandException($"migrate: file {root} does not match the extensions {string.Join(", ", extensions)}; add its extension with --extensions", ExitCodes.Usage);
        }

        if (!Directory.Exists(root))
        {
            throw new CommandException($"migrate: {root}: no such file or directory", ExitCodes.Usage);
        }

        var git = $"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}";
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Matches(f) && !f.Contains(git, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
