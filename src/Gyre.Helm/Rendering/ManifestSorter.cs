using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.Helm.Rendering;

/// <summary>
/// Helm's releaseutil.SortManifests: splits each rendered template into documents, drops empty ones and partials,
/// separates hooks (helm.sh/hook) from ordinary manifests, and orders both by kind in install order.
/// </summary>
internal static partial class ManifestSorter
{
    public const string HookAnnotation = "helm.sh/hook";
    public const string HookWeightAnnotation = "helm.sh/hook-weight";
    public const string HookDeleteAnnotation = "helm.sh/hook-delete-policy";

    private static readonly HashSet<string> Events = new(StringComparer.Ordinal)
    {
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade", "pre-rollback",
        "post-rollback", "test", "test-success",
    };

    [GeneratedRegex(@"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    /// <summary>A non-hook document: the template path, the trimmed text and its kind.</summary>
    public sealed record Manifest(string Path, string Content, string Kind, JsonObject? Object);

    public static (List<Manifest> Manifests, List<RenderedHook> Hooks) Sort(IReadOnlyDictionary<string, string> files)
    {
        var generic = new List<Manifest>();
        var hooks = new List<RenderedHook>();
        foreach (var path in files.Keys.Order(StringComparer.Ordinal))
        {
            var content = files[path];
            if (System.IO.Path.GetFileName(path).StartsWith('_') || content.Trim().Length == 0)
            {
                continue;
            }
            foreach (var doc in Split(content))
            {
                JsonNode? node;
                try
                {
                    node = YamlReader.ReadSingle(doc, path);
                }
                catch (ManifestException e)
                {
                    throw new HelmException("YAML parse error on " + path + ": " + e.Reason, template: path, line: e.Line);
                }
                if (node is not (null or JsonObject))
                {
                    // Helm unmarshals every document into its SimpleHead struct, which only a mapping (or nothing) fits.
                    throw new HelmException("YAML parse error on " + path + ": error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                        + GoJsonType(node) + " into Go value of type releaseutil.SimpleHead", template: path);
                }
                var obj = node as JsonObject;
                var kind = obj?["kind"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : "";
                var annotations = obj?["metadata"]?["annotations"] as JsonObject;
                var hookTypes = annotations?[HookAnnotation] is JsonValue h && h.TryGetValue<string>(out var hs) ? hs : null;
                if (hookTypes == null)
                {
                    generic.Add(new Manifest(path, doc, kind, obj));
                    continue;
                }
                var events = hookTypes.Split(',').Select(t => t.Trim().ToLowerInvariant()).ToList();
                if (!events.All(Events.Contains))
                {
                    continue; // Helm: "info: skipping unknown hook".
                }
                hooks.Add(new RenderedHook
                {
                    Path = path,
                    Kind = kind,
                    Name = obj?["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var ns) ? ns : "",
                    Events = events.Select(e => e == "test-success" ? "test" : e).ToList(),
                    Weight = Weight(annotations),
                    DeletePolicies = Annotation(annotations, HookDeleteAnnotation),
                    Manifest = doc,
                });
            }
        }
        return (InstallOrder.Sort(generic, m => m.Kind), InstallOrder.Sort(hooks, h => h.Kind));
    }

    /// <summary>releaseutil.SplitManifests: documents split on "---" lines, trimmed, empty ones dropped.</summary>
    public static IEnumerable<string> Split(string content) =>
        Separator().Split(content.Trim()).Where(d => d.Length > 0).Select(d => d.Trim());

    private static string GoJsonType(JsonNode node) => node switch
    {
        JsonArray => "array",
        JsonValue v when v.TryGetValue<bool>(out _) => "bool",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        _ => "number",
    };

    private static int Weight(JsonObject? annotations)
    {
        var w = annotations?[HookWeightAnnotation] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        return int.TryParse(w, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : 0;
    }

    private static List<string> Annotation(JsonObject? annotations, string name)
    {
        var value = annotations?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return value == null ? [] : value.Split(',').Select(x => x.Trim().ToLowerInvariant()).ToList();
    }
}
