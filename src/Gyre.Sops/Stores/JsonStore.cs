using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Sops.Crypto;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>
/// sops's JSON store: one object, key order kept, every number a float64 (as Go's json.Decoder reads it), printed as
/// sops does: encoding/json values re-indented with tabs by json.Indent, and a final newline.
/// </summary>
internal sealed class JsonStore : ISopsStore
{
    public (List<SopsBranch> Documents, SopsBranch? Metadata) LoadEncrypted(byte[] data)
    {
        var branch = Parse(data);
        var item = branch.Find("sops");
        if (item is not null)
        {
            branch.Remove(item);
        }

        return ([branch], item?.Value as SopsBranch);
    }

    public List<SopsBranch> LoadPlain(byte[] data) => [Parse(data)];

    public byte[] EmitEncrypted(List<SopsBranch> documents, SopsBranch metadata) =>
        Emit(new SopsBranch(documents[0]) { new SopsItem("sops", metadata) });

    public byte[] EmitPlain(List<SopsBranch> documents) => Emit(documents[0]);

    private static byte[] Emit(SopsBranch branch)
    {
        var text = new StringBuilder();
        WriteValue(text, branch, 0);
        text.Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static SopsBranch Parse(byte[] data)
    {
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SopsException("invalid JSON: the document must be an object");
            }

            return ReadObject(ref reader);
        }
        catch (JsonException ex)
        {
            throw new SopsException($"invalid JSON at line {ex.LineNumber + 1}: {ex.Message}", innerException: ex);
        }
    }

    private static SopsBranch ReadObject(ref Utf8JsonReader reader)
    {
        var branch = new SopsBranch();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            branch.Add(new SopsItem(key, ReadValue(ref reader)));
        }

        return branch;
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }

                return list;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }

    private static void WriteValue(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case SopsBranch branch:
                var entries = branch.Where(i => i.Key is string).ToList();
                if (entries.Count == 0)
                {
                    text.Append("{}");
                    return;
                }

                text.Append('{');
                for (var i = 0; i < entries.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n").Append('\t', depth + 1);
                    WriteString(text, (string)entries[i].Key);
                    text.Append(": ");
                    WriteValue(text, entries[i].Value, depth + 1);
                }

                text.Append('\n').Append('\t', depth).Append('}');
                return;
            case List<object?> list:
                var items = list.Where(i => i is not SopsComment).ToList();
                if (items.Count == 0)
                {
                    text.Append("[]");
                    return;
                }

                text.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n").Append('\t', depth + 1);
                    WriteValue(text, items[i], depth + 1);
                }

                text.Append('\n').Append('\t', depth).Append(']');
                return;
            case null:
                text.Append("null");
                return;
            case string s:
                WriteString(text, s);
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case double d:
                text.Append(GoJsonFloat(d));
                return;
            case long or int or ulong:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case SopsTimestamp t:
                WriteString(text, t.Value);
                return;
            case byte[] bytes:
                WriteString(text, Encoding.UTF8.GetString(bytes));
                return;
            default:
                WriteString(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return;
        }
    }

    // encoding/json: 'f' formatting between 1e-6 and 1e21, 'e' outside with a one-digit exponent where possible.
    private static string GoJsonFloat(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new SopsException("JSON cannot hold NaN or infinite numbers");
        }

        var abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var e = GoFloat.Format(d, 'e');
            return e.Length >= 4 && e[^4] == 'e' && e[^3] == '-' && e[^2] == '0' ? e[..^2] + e[^1] : e;
        }

        return GoFloat.Format(d, 'f');
    }

    // encoding/json's string escaping, HTML-safe as json.Marshal is by default.
    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
