using System.Text;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>
/// sops's INI store on go-ini: each section is a branch; a section's comment is its branch's first item and a key's
/// comment follows the key (so both have the AAD `section:`); printed go-ini style, `=` aligned per section, comments
/// as `; …` above what they belong to, values quoted when go-ini would.
/// </summary>
internal sealed class IniStore : ISopsStore
{
    public (List<SopsBranch> Documents, SopsBranch? Metadata) LoadEncrypted(byte[] data)
    {
        var root = LoadPlain(data)[0];
        var sops = root.Find("sops");
        SopsBranch? metadata = null;
        if (sops is not null)
        {
            root.Remove(sops);
            var entries = ((SopsBranch)sops.Value!).Where(i => i.Key is string)
                .Select(i => new KeyValuePair<string, string>((string)i.Key, (string)i.Value!));
            metadata = Flattening.Unflatten(entries);
        }

        return ([root], metadata);
    }

    public List<SopsBranch> LoadPlain(byte[] data)
    {
        var root = new SopsBranch();
        SopsBranch? section = null;
        var pendingComments = new List<SopsItem>();
        var lines = Encoding.UTF8.GetString(data).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is ';' or '#')
            {
                // As sops's stripCommentChar: drop the leading marker characters and spaces.
                pendingComments.Add(new SopsItem(new SopsComment(line.TrimStart(line[0], ' ')), null));
                continue;
            }

            if (line[0] == '[')
            {
                var end = line.IndexOf(']', StringComparison.Ordinal);
                section = [.. pendingComments];
                pendingComments.Clear();
                root.Add(new SopsItem(line[1..(end < 0 ? line.Length : end)], section));
                continue;
            }

            var equals = line.IndexOfAny(['=', ':']);
            if (equals < 0)
            {
                throw new SopsException($"invalid INI line {i + 1}: expected key = value");
            }

            if (section is null)
            {
                section = [];
                root.Add(new SopsItem("DEFAULT", section));
            }

            var value = line[(equals + 1)..].Trim();
            if (value.StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                value = ReadMultiline(lines, ref i, value[3..]);
            }
            else if (value.Length >= 2 && value[0] is '"' or '`' && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            section.Add(new SopsItem(line[..equals].Trim(), value));
            section.AddRange(pendingComments);
            pendingComments.Clear();
        }

        return [root];
    }

    public byte[] EmitEncrypted(List<SopsBranch> documents, SopsBranch metadata)
    {
        var root = new SopsBranch(documents[0]);
        var sops = new SopsBranch(Flattening.Flatten(metadata).Select(p => new SopsItem(p.Key, p.Value)));
        root.Add(new SopsItem("sops", sops));
        return EmitPlain([root]);
    }

    public byte[] EmitPlain(List<SopsBranch> documents)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var item in documents[0])
        {
            if (item.Key is not string name || item.Value is not SopsBranch section)
            {
                continue;
            }

            if (!first)
            {
                text.Append('\n');
            }

            first = false;
            var entries = section.ToList();
            if (entries.Count > 0 && entries[0].Key is SopsComment sectionComment)
            {
                WriteComment(text, sectionComment.Value);
                entries.RemoveAt(0);
            }

            text.Append('[').Append(name).Append("]\n");
            WriteKeys(text, entries);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // As sops's encodeTree: a comment after a key becomes that key's comment (the last one wins), printed above it.
    private static void WriteKeys(StringBuilder text, List<SopsItem> entries)
    {
        var keys = new List<(string Key, string Value, string? Comment)>();
        foreach (var entry in entries)
        {
            if (entry.Key is SopsComment comment)
            {
                if (keys.Count > 0)
                {
                    keys[^1] = keys[^1] with { Comment = comment.Value };
                }

                continue;
            }

            keys.Add(((string)entry.Key, Format(entry.Value), null));
        }

        var width = keys.Select(k => k.Key.Length).DefaultIfEmpty(0).Max();
        foreach (var (key, value, comment) in keys)
        {
            if (comment is not null)
            {
                WriteComment(text, comment);
            }

            text.Append(key).Append(' ', width - key.Length).Append(" = ").Append(value).Append('\n');
        }
    }

    private static void WriteComment(StringBuilder text, string comment) =>
        text.Append(comment.StartsWith(';') || comment.StartsWith('#') ? string.Empty : "; ").Append(comment).Append('\n');

    private static string Format(object? value)
    {
        var s = value switch
        {
            null => string.Empty,
            bool b => b ? "true" : "false",
            double d => Crypto.GoFloat.Format(d, 'f'),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        };
        // go-ini's quoting: triple quotes for newlines or backticks, backticks for '#'/';', double quotes for edge spaces.
        if (s.Contains('\n', StringComparison.Ordinal) || s.Contains('`', StringComparison.Ordinal))
        {
            return "\"\"\"" + s + "\"\"\"";
        }

        if (s.Contains('#', StringComparison.Ordinal) || s.Contains(';', StringComparison.Ordinal))
        {
            return "`" + s + "`";
        }

        return s.Trim().Length != s.Length ? "\"" + s + "\"" : s;
    }

    private static string ReadMultiline(string[] lines, ref int i, string rest)
    {
        var close = rest.IndexOf("\"\"\"", StringComparison.Ordinal);
        if (close >= 0)
        {
            return rest[..close];
        }

        var value = new StringBuilder(rest);
        while (++i < lines.Length)
        {
            var line = lines[i];
            close = line.IndexOf("\"\"\"", StringComparison.Ordinal);
            value.Append('\n').Append(close >= 0 ? line[..close] : line);
            if (close >= 0)
            {
                break;
            }
        }

        return value.ToString();
    }
}
