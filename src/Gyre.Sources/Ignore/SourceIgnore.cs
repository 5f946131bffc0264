using MAB.DotIgnore;

namespace Gyre.Sources.Ignore;

/// <summary>
/// Which files of a source tree stay out of the artifact, as source-controller's sourceignore package decides:
/// Flux's default exclusions (VCS metadata, CI configuration, images and archives) unless spec.ignore is set, then
/// spec.ignore, then every <c>.sourceignore</c> file in the tree, whose patterns apply below its own directory.
/// Patterns use .gitignore syntax.
/// </summary>
public sealed class SourceIgnore
{
    /// <summary>The name of in-tree ignore files.</summary>
    public const string FileName = ".sourceignore";

    /// <summary>Flux's default exclusions (source-controller internal/sourceignore: VCS, excludeExt, excludeCI, excludeExtra).</summary>
    public static IReadOnlyList<string> DefaultExclusions { get; } =
    [
        ".git/", ".gitignore", ".gitmodules", ".gitattributes",
        "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
        ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml", "cloudbuild.yaml",
        "codeship-services.yml", "codeship-steps.yml",
        "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml",
    ];

    private readonly IgnoreList _rules;

    private SourceIgnore(IgnoreList rules) => _rules = rules;

    /// <summary>
    /// Loads the rules for <paramref name="root"/>. When <paramref name="specIgnore"/> is set it replaces the default
    /// exclusions (Flux: "ignore overrides the default exclusions"); <c>.git</c> is always excluded.
    /// </summary>
    public static SourceIgnore Load(string root, string? specIgnore)
    {
        // Git metadata never goes into an artifact, including the `.git` files of checked-out submodules.
        var list = new IgnoreList();
        list.AddRule("**/.git");
        list.AddRules(specIgnore is null ? DefaultExclusions : Lines(specIgnore));

        foreach (var file in FindIgnoreFiles(root))
        {
            var relativeDir = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/'); // files found under root have a parent
            list.AddRules(Lines(File.ReadAllText(file)).Select(rule => Scope(rule, relativeDir == "." ? "" : relativeDir)));
        }

        return new SourceIgnore(list);
    }

    /// <summary>
    /// Rules from pattern text alone, without Flux's default exclusions: a Bucket's root <c>.sourceignore</c> object
    /// followed by spec.ignore, as source-controller's bucket reconciler builds its matcher.
    /// </summary>
    public static SourceIgnore FromPatterns(params string?[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var list = new IgnoreList();
        foreach (var text in texts)
        {
            if (text is not null)
            {
                list.AddRules(Lines(text));
            }
        }

        return new SourceIgnore(list);
    }

    /// <summary>Whether a slash-separated path relative to the root is excluded.</summary>
    public bool IsIgnored(string relativePath, bool isDirectory) => _rules.IsIgnored(relativePath, isDirectory);

    /// <summary>Rewrites a pattern from a nested .sourceignore so it only matches below that directory (git's semantics).</summary>
    internal static string Scope(string rule, string directory)
    {
        if (directory.Length == 0)
        {
            return rule;
        }

        var negate = rule.StartsWith('!');
        var pattern = negate ? rule[1..] : rule;
        var anchored = pattern.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var scoped = anchored ? directory + "/" + pattern.TrimStart('/') : directory + "/**/" + pattern;
        return (negate ? "!" : "") + scoped;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0 && !l.StartsWith('#'));

    private static IEnumerable<string> FindIgnoreFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, FileName, options)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }
}
