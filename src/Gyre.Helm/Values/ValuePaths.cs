namespace Gyre.Helm.Values;

/// <summary>Helm's Values.PathValue and Values.Table lookups on the template data model.</summary>
internal static class ValuePaths
{
    /// <summary>The value at a dotted path ("a.b.c"); false when any step is missing or not a map.</summary>
    public static bool TryPathValue(Dictionary<string, object?> values, string path, out object? value)
    {
        value = null;
        var parts = path.Split('.');
        var current = values;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!current.TryGetValue(parts[i], out var next) || next is not Dictionary<string, object?> m)
            {
                return false;
            }
            current = m;
        }
        return current.TryGetValue(parts[^1], out value);
    }

    /// <summary>The map at a dotted path, or null.</summary>
    public static Dictionary<string, object?>? Table(Dictionary<string, object?> values, string path)
    {
        var current = values;
        foreach (var part in path.Split('.'))
        {
            if (!current.TryGetValue(part, out var next) || next is not Dictionary<string, object?> m)
            {
                return null;
            }
            current = m;
        }
        return current;
    }

    /// <summary>Helm's pathToMap: nests <paramref name="data"/> under the dotted path ("." is the root).</summary>
    public static Dictionary<string, object?> PathToMap(string path, Dictionary<string, object?> data)
    {
        if (path == ".")
        {
            return data;
        }
        var parts = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var result = data;
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            result = new Dictionary<string, object?>(StringComparer.Ordinal) { [parts[i]] = result };
        }
        return result;
    }
}
