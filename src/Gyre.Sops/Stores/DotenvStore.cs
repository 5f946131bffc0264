using System.Text;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>sops's dotenv store: KEY=VALUE lines (split at the first '=', nothing trimmed), '#' comments, `\n` escapes, metadata as sops_* lines.</summary>
internal sealed class DotenvStore : ISopsStore
{
    private const string SopsPrefix = "sops_";

    public (List<SopsBranch> Documents, SopsBranch? Metadata) LoadEncrypted(byte[] data)
    {
        var all = LoadPlain(data)[0];
        var branch = new SopsBranch();
        var metadata = new List<KeyValuePair<string, string>>();
        foreach (var item in all)
        {
            if (item.Key is string key && key.StartsWith(SopsPrefix, StringComparison.Ordinal))
            {
                // Values were unescaped on load; Unflatten unescapes again, harmlessly, as sops's DecodeNewLines does.
                metadata.Add(new(key[SopsPrefix.Length..], (string)item.Value!));
            }
            else
            {
                branch.Add(item);
            }
        }

        return ([branch], metadata.Count == 0 ? null : Flattening.Unflatten(metadata));
    }

    public List<SopsBranch> LoadPlain(byte[] data)
    {
        var branch = new SopsBranch();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(data).Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                branch.Add(new SopsItem(new SopsComment(line[1..]), null));
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new SopsException($"invalid dotenv input line {lineNumber}: expected KEY=VALUE");
            }

            branch.Add(new SopsItem(line[..equals], line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal)));
        }

        return [branch];
    }

    public byte[] EmitEncrypted(List<SopsBranch> documents, SopsBranch metadata)
    {
        var branch = new SopsBranch(documents[0]);
        foreach (var (key, value) in Flattening.Flatten(metadata))
        {
            branch.Add(new SopsItem(SopsPrefix + key, value.Replace("\\n", "\n", StringComparison.Ordinal)));
        }

        return EmitPlain([branch]);
    }

    public byte[] EmitPlain(List<SopsBranch> documents)
    {
        var text = new StringBuilder();
        foreach (var item in documents[0])
        {
            if (item.Key is SopsComment comment)
            {
                text.Append('#').Append(comment.Value).Append('\n');
                continue;
            }

            if (item.Value is SopsBranch or List<object?>)
            {
                throw new SopsException($"cannot use complex value in dotenv file: key '{item.Key}' holds a map or a list");
            }

            var value = item.Value switch
            {
                null => string.Empty,
                string s => s,
                bool b => b ? "true" : "false",
                double d => Crypto.GoFloat.Format(d, 'f'),
                _ => Convert.ToString(item.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            };
            text.Append((string)item.Key).Append('=').Append(value.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
