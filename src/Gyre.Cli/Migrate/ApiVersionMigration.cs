using System.Text;
using System.Text.RegularExpressions;

namespace Gyre.Cli.Migrate;

/// <summary>
/// Rewrites the top-level apiVersion of Flux objects from removed versions to the ones Flux v2.8 serves, leaving
/// every other byte of the file alone (comments, order, quoting), as `flux migrate -f` does.
/// </summary>
internal static partial class ApiVersionMigration
{
    // kind -> (group, current version); any other version of the same group is older and is rewritten.
    private static readonly Dictionary<string, (string Group, string Version)> Current = new(StringComparer.Ordinal)
    {
        ["GitRepository"] = ("source.toolkit.fluxcd.io", "v1"),
        ["OCIRepository"] = ("source.toolkit.fluxcd.io", "v1"),
        ["HelmRepository"] = ("source.toolkit.fluxcd.io", "v1"),
        ["HelmChart"] = ("source.toolkit.fluxcd.io", "v1"),
        ["Bucket"] = ("source.toolkit.fluxcd.io", "v1"),
        ["Kustomization"] = ("kustomize.toolkit.fluxcd.io", "v1"),
        ["HelmRelease"] = ("helm.toolkit.fluxcd.io", "v2"),
        ["Alert"] = ("notification.toolkit.fluxcd.io", "v1beta3"),
        ["Provider"] = ("notification.toolkit.fluxcd.io", "v1beta3"),
        ["Receiver"] = ("notification.toolkit.fluxcd.io", "v1"),
        ["ImageRepository"] = ("image.toolkit.fluxcd.io", "v1"),
        ["ImagePolicy"] = ("image.toolkit.fluxcd.io", "v1"),
        ["ImageUpdateAutomation"] = ("image.toolkit.fluxcd.io", "v1"),
    };

    /// <summary>The migrated text and what changed ("Kustomization apps: v1beta2 -> v1"); the text is unchanged when nothing applies.</summary>
    public static (string Text, IReadOnlyList<string> Changes) Migrate(string text)
    {
        var changes = new List<string>();
        var output = new StringBuilder(text.Length);
        foreach (var document in SplitDocuments(text))
        {
            output.Append(MigrateDocument(document, changes));
        }

        return (output.ToString(), changes);
    }

    private static string MigrateDocument(string document, List<string> changes)
    {
        var apiVersion = ApiVersionLine().Match(document);
        var kind = KindLine().Match(document);
        if (!apiVersion.Success || !kind.Success || !Current.TryGetValue(kind.Groups["kind"].Value, out var current))
        {
            return document;
        }

        var group = apiVersion.Groups["group"].Value;
        var version = apiVersion.Groups["version"].Value;
        if (group != current.Group || version == current.Version)
        {
            return document;
        }

        var name = NameLine().Match(document) is { Success: true } n ? " " + n.Groups["name"].Value : string.Empty;
        changes.Add($"{kind.Groups["kind"].Value}{name}: {group}/{version} -> {group}/{current.Version}");
        var value = apiVersion.Groups["value"];
        return string.Concat(document.AsSpan(0, value.Index), group + "/" + current.Version, document.AsSpan(value.Index + value.Length));
    }

    // Keeps the "---" separators with the documents so concatenating the pieces gives back the input exactly.
    private static IEnumerable<string> SplitDocuments(string text)
    {
        var start = 0;
        foreach (Match separator in Separator().Matches(text))
        {
            yield return text[start..separator.Index];
            start = separator.Index;
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^apiVersion:[ \t]*(?<q>['""]?)(?<value>(?<group>[a-z0-9.\-]+)/(?<version>v[0-9a-z]+))\k<q>[ \t]*(#.*)?\r?$", RegexOptions.Multiline)]
    private static partial Regex ApiVersionLine();

    [GeneratedRegex(@"^kind:[ \t]*['""]?(?<kind>[A-Za-z]+)['""]?[ \t]*(#.*)?\r?$", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^  name:[ \t]*['""]?(?<name>[^'""\s#]+)", RegexOptions.Multiline)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^---", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
