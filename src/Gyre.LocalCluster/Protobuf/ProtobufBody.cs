using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Protobuf;

/// <summary>
/// Decodes Kubernetes' protobuf request bodies (the `k8s\0` magic followed by a runtime.Unknown envelope holding
/// apiVersion, kind and the object's bytes) into the JSON object the rest of the server works on. kubectl's typed
/// commands (`kubectl create configmap`, `kubectl auth can-i`, ...) send protobuf and do not fall back to JSON.
/// </summary>
internal static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];
    private static readonly Dictionary<string, List<(int Number, string Name, string Type)>> Parsed = Parse();

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw ApiStatusException.BadRequest("protobuf body does not start with the Kubernetes magic number");
        }

        try
        {
            string apiVersion = string.Empty, kind = string.Empty;
            byte[] raw = [];
            var reader = new ProtoReader(body.AsSpan(4));
            while (!reader.End)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1 when wire == 2:
                        var typeMeta = new ProtoReader(reader.ReadBytes());
                        while (!typeMeta.End)
                        {
                            var (f, w) = typeMeta.ReadTag();
                            if (f == 1 && w == 2)
                            {
                                apiVersion = Encoding.UTF8.GetString(typeMeta.ReadBytes());
                            }
                            else if (f == 2 && w == 2)
                            {
                                kind = Encoding.UTF8.GetString(typeMeta.ReadBytes());
                            }
                            else
                            {
                                typeMeta.Skip(w);
                            }
                        }

                        break;
                    case 2 when wire == 2:
                        raw = reader.ReadBytes().ToArray();
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            var message = Parsed.ContainsKey(apiVersion + "/" + kind) ? apiVersion + "/" + kind : kind;
            if (!Parsed.ContainsKey(message))
            {
                throw Unsupported($"kind {kind} of {apiVersion} is not supported in protobuf by this server");
            }

            var obj = DecodeMessage(raw, message);
            var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
            foreach (var (key, value) in obj.ToList())
            {
                obj.Remove(key);
                result[key] = value;
            }

            return result;
        }
        catch (FormatException ex)
        {
            throw ApiStatusException.BadRequest("malformed protobuf body: " + ex.Message);
        }
    }

    private static JsonObject DecodeMessage(ReadOnlySpan<byte> data, string message)
    {
        var fields = Parsed[message];
        var obj = new JsonObject();
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            var field = fields.FirstOrDefault(f => f.Number == number);
            if (field.Name is null)
            {
                throw Unsupported($"field {number} of {message} is not supported in protobuf by this server");
            }

            var repeated = field.Type.StartsWith("[]", StringComparison.Ordinal);
            var type = repeated ? field.Type[2..] : field.Type;
            if (type.StartsWith("map:", StringComparison.Ordinal))
            {
                var map = obj[field.Name] as JsonObject ?? [];
                obj[field.Name] = map;
                var (key, value) = DecodeMapEntry(reader.ReadBytes(), type[4..]);
                map[key] = value;
                continue;
            }

            if (field.Name == "-")
            {
                foreach (var (key, value) in DecodeMessage(reader.ReadBytes(), type).ToList())
                {
                    value?.Parent?.AsObject().Remove(key);
                    obj[key] = value;
                }

                continue;
            }

            var decoded = DecodeValue(ref reader, wire, type.TrimEnd('*'));
            if (repeated)
            {
                var list = obj[field.Name] as JsonArray ?? [];
                obj[field.Name] = list;
                list.Add(decoded);
            }
            else if (decoded is not null && (type.EndsWith('*') || !IsZero(decoded)))
            {
                obj[field.Name] = decoded;
            }
            else if (decoded is null && field.Name == "creationTimestamp")
            {
                // metav1.Time is a struct, not a pointer: Go's JSON writes the zero value as null.
                obj[field.Name] = null;
            }
        }

        return obj;
    }

    private static (string Key, JsonNode? Value) DecodeMapEntry(ReadOnlySpan<byte> data, string valueType)
    {
        var reader = new ProtoReader(data);
        var key = string.Empty;
        JsonNode? value = valueType == "bytes" ? JsonValue.Create(string.Empty) : valueType == "s" ? JsonValue.Create(string.Empty) : null;
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(reader.ReadBytes());
            }
            else if (number == 2)
            {
                value = DecodeValue(ref reader, wire, valueType);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (key, value);
    }

    private static JsonNode? DecodeValue(ref ProtoReader reader, int wire, string type)
    {
        switch (type)
        {
            case "s":
                return JsonValue.Create(Encoding.UTF8.GetString(reader.ReadBytes()));
            case "bytes":
                return JsonValue.Create(Convert.ToBase64String(reader.ReadBytes()));
            case "i32":
                return JsonValue.Create((int)reader.ReadVarint());
            case "i64":
                return JsonValue.Create((long)reader.ReadVarint());
            case "b":
                return JsonValue.Create(reader.ReadVarint() != 0);
            case "Time":
                return DecodeTime(reader.ReadBytes());
            case "Quantity":
                var q = DecodeRawFields(reader.ReadBytes());
                return JsonValue.Create(q.TryGetValue(1, out var qs) ? Encoding.UTF8.GetString(qs) : "0");
            case "IntOrString":
                return DecodeIntOrString(reader.ReadBytes());
            case "FieldsV1":
                var f = DecodeRawFields(reader.ReadBytes());
                return f.TryGetValue(1, out var raw) ? JsonNode.Parse(raw) : new JsonObject();
            default:
                if (wire != 2)
                {
                    throw new FormatException($"expected a message for {type}");
                }

                return DecodeMessage(reader.ReadBytes(), type);
        }
    }

    private static JsonValue? DecodeTime(ReadOnlySpan<byte> data)
    {
        long seconds = 0, nanos = 0;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1)
            {
                seconds = (long)reader.ReadVarint();
            }
            else if (number == 2)
            {
                nanos = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        // metav1.Time marshals a zero time as an empty Timestamp; JSON shows it as null.
        if ((seconds == 0 && nanos == 0) || seconds <= -62135596800)
        {
            return null;
        }

        return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonValue DecodeIntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0, intVal = 0;
        var strVal = string.Empty;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    type = (long)reader.ReadVarint();
                    break;
                case 2:
                    intVal = (int)reader.ReadVarint();
                    break;
                case 3:
                    strVal = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(strVal) : JsonValue.Create(intVal);
    }

    private static Dictionary<int, byte[]> DecodeRawFields(ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<int, byte[]>();
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (wire == 2)
            {
                result[number] = reader.ReadBytes().ToArray();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return result;
    }

    private static bool IsZero(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<int>(out var i) => i == 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0,
        _ => false,
    };

    private static ApiStatusException Unsupported(string why) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml ({why})");

    private static Dictionary<string, List<(int, string, string)>> Parse()
    {
        var result = new Dictionary<string, List<(int, string, string)>>(StringComparer.Ordinal);
        foreach (var (message, text) in ProtoSchemas.Messages)
        {
            var fields = new List<(int, string, string)>();
            foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = entry.Split(' ');
                fields.Add((int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2]));
            }

            result[message] = fields;
        }

        return result;
    }
}
