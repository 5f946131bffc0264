using System.Globalization;
using Gyre.Kustomize.Build;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Generators;

/// <summary>Reads a generator's key/value sources in kustomize's order: env files, then literals, then files.</summary>
internal static class DataSourceReader
{
    public static List<KeyValuePair<string, string>> Read(YamlNode args, Loader loader, string kustomizationFile, string field)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var envs = Strings(args.Get("envs"));
        if (args.GetString("env") is { Length: > 0 } legacyEnv)
        {
            envs.Add(legacyEnv);
        }

        foreach (var env in envs)
        {
            pairs.AddRange(ParseEnvFile(loader.ReadFile(env, field), env, kustomizationFile, field));
        }

        foreach (var literal in Strings(args.Get("literals")))
        {
            var equals = literal.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new KustomizeException(kustomizationFile, literal, field, $"invalid literal source {literal}, expected key=value");
            }

            pairs.Add(new(literal[..equals], RemoveQuotes(literal[(equals + 1)..])));
        }

        foreach (var source in Strings(args.Get("files")))
        {
            var equals = source.IndexOf('=', StringComparison.Ordinal);
            var (key, path) = equals < 0 ? (FileSystem.PathText.FileName(source), source) : (source[..equals], source[(equals + 1)..]);
            if (equals == 0 || key.Length == 0 || path.Length == 0)
            {
                throw new KustomizeException(kustomizationFile, source, field, $"key or file path is missing in file source '{source}'");
            }

            pairs.Add(new(key, loader.ReadFile(path, field)));
        }

        return pairs;
    }

    private static List<string> Strings(YamlNode? node) =>
        node is { IsSequence: true } ? node.Content.Select(n => n.Value).ToList() : [];

    private static string RemoveQuotes(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            return value[1..^1];
        }

        return value;
    }

    /// <summary>KEY=VALUE lines; blank lines and # comments skipped; leading whitespace trimmed (kustomize's kv loader).</summary>
    private static IEnumerable<KeyValuePair<string, string>> ParseEnvFile(string text, string path, string kustomizationFile, string field)
    {
        var lines = text.Split('\n');
        for (var number = 0; number < lines.Length; number++)
        {
            var line = lines[number].TrimEnd('\r');
            if (number == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            line = line.TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? line : line[..equals];
            if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c)))
            {
                throw new KustomizeException(kustomizationFile, path, field,
                    string.Create(CultureInfo.InvariantCulture, $"line {number + 1}: invalid environment variable name \"{key}\""));
            }

            // A bare KEY reads the process environment in kustomize; engines take no environment, so it is empty here.
            yield return new(key, equals < 0 ? string.Empty : line[(equals + 1)..]);
        }
    }
}
