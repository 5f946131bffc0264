using System.Text;
using Gyre.Kustomize.Build;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Generators;

/// <summary>configMapGenerator and secretGenerator: one ConfigMap or Secret per entry (kustomize's generators package).</summary>
internal static class ConfigDataGenerator
{
    /// <summary>
    /// Base64 as kyaml writes Secret data: when the encoding exceeds one 70-character line, every line (the last
    /// included) ends with a newline, so kustomize prints long values as literal blocks.
    /// </summary>
    public static string EncodeBase64(byte[] bytes)
    {
        const int LineLength = 70;
        var encoded = Convert.ToBase64String(bytes);
        if (encoded.Length / LineLength + 1 == 1)
        {
            return encoded;
        }

        var text = new StringBuilder();
        for (var i = 0; i < encoded.Length; i += LineLength)
        {
            text.Append(encoded, i, Math.Min(LineLength, encoded.Length - i)).Append('\n');
        }

        return text.ToString();
    }

    public static Resource Generate(YamlNode args, bool isSecret, YamlNode? globalOptions, Loader loader, Kustomization kustomization)
    {
        var field = isSecret ? "secretGenerator" : "configMapGenerator";
        var name = args.GetString("name") ?? string.Empty;
        if (name.Length == 0)
        {
            throw new KustomizeException(kustomization.File, null, field, $"a {(isSecret ? "secret" : "configmap")} must have a name");
        }

        var node = YamlNode.Mapping();
        node.Set("apiVersion", YamlNode.String("v1"));
        node.Set("kind", YamlNode.String(isSecret ? "Secret" : "ConfigMap"));
        var metadata = node.GetOrCreateMapping("metadata");
        metadata.Set("name", YamlNode.String(name));
        if (args.GetString("namespace") is { Length: > 0 } ns)
        {
            metadata.Set("namespace", YamlNode.String(ns));
        }

        var pairs = DataSourceReader.Read(args, loader, kustomization.File, field);
        var data = YamlNode.Mapping();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!seen.Add(key))
            {
                throw new KustomizeException(kustomization.File, name, field, $"configmap {name} illegally repeats the key `{key}`");
            }

            data.Set(key, YamlNode.String(isSecret ? EncodeBase64(Encoding.UTF8.GetBytes(value)) : value));
        }

        if (pairs.Count > 0)
        {
            node.Set("data", data);
        }

        if (isSecret)
        {
            node.Set("type", YamlNode.String(args.GetString("type") is { Length: > 0 } type ? type : "Opaque"));
        }

        var options = GeneratorOptions.Merge(args.Get("options"), globalOptions, kustomization.File);
        options.ApplyTo(node);
        return new Resource(node, $"{kustomization.File} ({field} {name})")
        {
            NeedsHashSuffix = !options.DisableNameSuffixHash,
            Behavior = args.GetString("behavior") ?? "create",
            GeneratedBy = (kustomization.File, isSecret ? "SecretGenerator" : "ConfigMapGenerator"),
        };
    }
}
