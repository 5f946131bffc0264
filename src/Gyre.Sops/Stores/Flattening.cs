using System.Globalization;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>
/// sops's flattened metadata for flat formats (dotenv, INI): nested keys joined with `__map_` and list positions with
/// `__list_N`, e.g. `pgp__list_0__map_fp`; newlines escaped as `\n`.
/// </summary>
internal static class Flattening
{
    private const string MapSeparator = "__map_";
    private const string ListSeparator = "__list_";

    public static SopsBranch Unflatten(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var root = new SopsBranch();
        foreach (var (key, raw) in entries)
        {
            var value = raw.Replace("\\n", "\n", StringComparison.Ordinal);
            var tokens = Tokenize(key);
            object container = root;
            for (var i = 0; i < tokens.Count; i++)
            {
                var last = i == tokens.Count - 1;
                object? next = last ? value : tokens[i + 1] is int ? new List<object?>() : new SopsBranch();
                container = tokens[i] switch
                {
                    string name => Step((SopsBranch)container, name, next, last),
                    int position => Step((List<object?>)container, position, next, last),
                    _ => container,
                };
            }
        }

        return root;
    }

    public static List<KeyValuePair<string, string>> Flatten(SopsBranch branch)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var item in branch)
        {
            Add(result, (string)item.Key, item.Value);
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    private static void Add(List<KeyValuePair<string, string>> result, string prefix, object? value)
    {
        switch (value)
        {
            case SopsBranch branch:
                foreach (var item in branch)
                {
                    Add(result, prefix + MapSeparator + (string)item.Key, item.Value);
                }

                break;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    Add(result, prefix + ListSeparator + i.ToString(CultureInfo.InvariantCulture), list[i]);
                }

                break;
            case null:
                break;
            case bool b:
                result.Add(new(prefix, b ? "true" : "false"));
                break;
            default:
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                result.Add(new(prefix, text.Replace("\n", "\\n", StringComparison.Ordinal)));
                break;
        }
    }

    private static object Step(SopsBranch container, string name, object? next, bool last)
    {
        var existing = container.Find(name);
        if (existing is null)
        {
            container.Add(new SopsItem(name, next));
            return next!;
        }

        if (last)
        {
            existing.Value = next;
        }

        return existing.Value!;
    }

    private static object Step(List<object?> container, int position, object? next, bool last)
    {
        while (container.Count <= position)
        {
            container.Add(null);
        }

        if (container[position] is null || last)
        {
            container[position] = next;
        }

        return container[position]!;
    }

    private static List<object> Tokenize(string path)
    {
        var tokens = new List<object>();
        var state = 0;
        var start = 0;
        var i = 0;
        void Finish()
        {
            var text = state switch
            {
                1 => path[(start + MapSeparator.Length)..i],
                2 => path[(start + ListSeparator.Length)..i],
                _ => path[start..i],
            };
            tokens.Add(state == 2 ? int.Parse(text, CultureInfo.InvariantCulture) : text);
            start = i;
        }

        while (i < path.Length)
        {
            if (string.CompareOrdinal(path, i, MapSeparator, 0, MapSeparator.Length) == 0)
            {
                Finish();
                state = 1;
                i += MapSeparator.Length;
            }
            else if (string.CompareOrdinal(path, i, ListSeparator, 0, ListSeparator.Length) == 0)
            {
                Finish();
                state = 2;
                i += ListSeparator.Length;
            }
            else
            {
                i++;
            }
        }

        Finish();
        return tokens;
    }
}
