using System.Text;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>
/// sops's INI store: each section is a branch (its comments inside it, so a section comment's AAD is `section:`),
/// keys printed go-ini style with `=` aligned per section, the `sops` section holding flattened metadata.
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
                pendingComments.Add(new SopsItem(new SopsComment(line[1..].TrimStart()), null));
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

            section.AddRange(pendingComments);
            pendingComments.Clear();
            var value = line[(equals + 1)..].Trim();
            if (value.StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                value = ReadMultiline(lines, ref i, value[3..]);
            }

            section.Add(new SopsItem(line[..equals].Trim(), value));
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
            var width = section.Where(i => i.Key is string).Select(i => ((string)i.Key).Length).DefaultIfEmpty(0).Max();
            var comments = new List<string>();
            var header = false;
            foreach (var entry in section)
            {
                if (entry.Key is SopsComment comment)
                {
                    comments.Add(comment.Value);
                    continue;
                }

                if (!header)
                {
                    WriteComments(text, comments);
                    text.Append('[').Append(name).Append("]\n");
                    header = true;
                }
                else
                {
                    WriteComments(text, comments);
                }

                var key = (string)entry.Key;
                text.Append(key).Append(' ', width - key.Length).Append(" = ").Append(Format(entry.Value)).Append('\n');
            }

            if (!header)
            {
                WriteComments(text, comments);
                text.Append('[').Append(name).Append("]\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void WriteComments(StringBuilder text, List<string> comments)
    {
        foreach (var comment in comments)
        {
            text.Append("; ").Append(comment).Append('\n');
        }

        comments.Clear();
    }

    private static string Format(object? value)
    {
        var s = value switch
        {
            null => string.Empty,
            bool b => b ? "true" : "false",
            double d => Crypto.GoFloat.Format(d, 'f'),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return s.Contains('\n', StringComparison.Ordinal) ? "\"\"\"" + s + "\"\"\"" : s;
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
