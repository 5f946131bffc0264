using System.Text;
using System.Text.Json.Nodes;
using Gyre.Manifests.Json;

namespace Gyre.Helm.Storage;

/// <summary>
/// A release as JSON exactly as Helm 3's encoding/json writes it: struct fields in declaration order with their
/// omitempty rules, maps with sorted keys, byte slices in base64, timestamps through <see cref="GoTime"/>.
/// </summary>
public static class ReleaseJson
{
    // helm pkg/chart Metadata's field order; unknown Chart.yaml keys follow, sorted.
    private static readonly string[] MetadataOrder =
    [
        "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion", "condition",
        "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies", "type",
    ];

    public static string Serialize(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var w = new Fields();
        w.Text("name", release.Name);
        w.Raw("info", Info(release.Info));
        w.Raw("chart", Chart(release.Chart));
        if (release.Config.Count > 0)
        {
            w.Raw("config", GoJson.Serialize(release.Config));
        }

        w.Text("manifest", release.Manifest);
        if (release.Hooks.Count > 0)
        {
            w.Raw("hooks", "[" + string.Join(",", release.Hooks.Select(Hook)) + "]");
        }

        if (release.Version != 0)
        {
            w.Raw("version", release.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        w.Text("namespace", release.Namespace);
        if (release.ApplyMethod is { Length: > 0 } method)
        {
            w.Text("apply_method", method);
        }

        return w.Close();
    }

    public static Release Deserialize(string json, string key)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new ReleaseStorageException(key, "the release is not a JSON object");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ReleaseStorageException(key, "invalid release JSON: " + ex.Message, ex);
        }

        try
        {
            return ReleaseReader.Read(root);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new ReleaseStorageException(key, "unexpected release JSON: " + ex.Message, ex);
        }
    }

    private static string Info(ReleaseInfo info)
    {
        var w = new Fields();
        w.Raw("first_deployed", Quote(GoTime.Format(info.FirstDeployed)));
        w.Raw("last_deployed", Quote(GoTime.Format(info.LastDeployed)));
        w.Raw("deleted", Quote(GoTime.Format(info.Deleted)));
        w.Text("description", info.Description);
        w.Text("status", info.Status);
        w.Text("notes", info.Notes);
        return w.Close();
    }

    private static string Chart(ReleaseChart chart)
    {
        var w = new Fields();
        w.Raw("metadata", Metadata(chart.Metadata));
        w.Raw("lock", chart.Lock is null ? "null" : GoJson.Serialize(chart.Lock));
        w.Raw("templates", Files(chart.Templates));
        w.Raw("values", GoJson.Serialize(chart.Values));
        w.Raw("schema", chart.Schema is null ? "null" : Quote(Convert.ToBase64String(chart.Schema)));
        w.Raw("files", Files(chart.Files));
        return w.Close();
    }

    private static string Metadata(JsonObject metadata)
    {
        var w = new Fields();
        var known = MetadataOrder.Where(metadata.ContainsKey);
        var rest = metadata.Select(p => p.Key).Where(k => !MetadataOrder.Contains(k)).Order(StringComparer.Ordinal);
        foreach (var name in known.Concat(rest))
        {
            var value = metadata[name];
            if (value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)
                || (value is JsonValue b && b.TryGetValue<bool>(out var flag) && !flag)
                || value is JsonArray { Count: 0 } || value is JsonObject { Count: 0 })
            {
                continue; // omitempty
            }

            w.Raw(name, GoJson.Serialize(value));
        }

        return w.Close();
    }

    private static string Files(IReadOnlyList<ReleaseFile> files) =>
        "[" + string.Join(",", files.Select(f =>
        {
            var w = new Fields();
            w.Raw("name", Quote(f.Name));
            w.Raw("data", Quote(Convert.ToBase64String(f.Data)));
            return w.Close();
        })) + "]";

    private static string Hook(ReleaseHook hook)
    {
        var w = new Fields();
        w.Text("name", hook.Name);
        w.Text("kind", hook.Kind);
        w.Text("path", hook.Path);
        w.Text("manifest", hook.Manifest);
        if (hook.Events.Count > 0)
        {
            w.Raw("events", "[" + string.Join(",", hook.Events.Select(Quote)) + "]");
        }

        var run = new Fields();
        run.Raw("started_at", Quote(GoTime.Format(hook.LastRun.StartedAt)));
        run.Raw("completed_at", Quote(GoTime.Format(hook.LastRun.CompletedAt)));
        run.Raw("phase", Quote(hook.LastRun.Phase));
        w.Raw("last_run", run.Close());
        if (hook.Weight != 0)
        {
            w.Raw("weight", hook.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (hook.DeletePolicies.Count > 0)
        {
            w.Raw("delete_policies", "[" + string.Join(",", hook.DeletePolicies.Select(Quote)) + "]");
        }

        return w.Close();
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder();
        GoJson.WriteString(text, value);
        return text.ToString();
    }

    /// <summary>One JSON object being written field by field; <see cref="Text"/> skips empty strings (omitempty).</summary>
    private sealed class Fields
    {
        private readonly StringBuilder _text = new("{");

        public void Text(string name, string value)
        {
            if (value.Length > 0)
            {
                Raw(name, Quote(value));
            }
        }

        public void Raw(string name, string json)
        {
            if (_text.Length > 1)
            {
                _text.Append(',');
            }

            GoJson.WriteString(_text, name);
            _text.Append(':').Append(json);
        }

        public string Close() => _text.Append('}').ToString();
    }
}
