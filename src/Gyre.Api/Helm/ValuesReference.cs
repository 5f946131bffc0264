using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>spec.valuesFrom[]: values from a ConfigMap or Secret key, optionally placed at a --set style path.</summary>
public sealed record ValuesReference(string Kind, string Name, string ValuesKey, string? TargetPath, bool Optional)
{
    /// <summary>With a targetPath: the value is placed verbatim as a string, as helm --set-literal does.</summary>
    public bool Literal { get; init; }

    internal static ValuesReference From(SpecReader reader, JsonObject json)
    {
        var kind = reader.Required(json, "kind", "spec.valuesFrom[].kind");
        if (kind is not ("ConfigMap" or "Secret"))
        {
            throw new ApiException(reader.Where, "spec.valuesFrom[].kind", $"'{kind}' is not ConfigMap or Secret");
        }

        return new ValuesReference(kind, reader.Required(json, "name", "spec.valuesFrom[].name"),
            SpecReader.String(json["valuesKey"]) is { Length: > 0 } key ? key : "values.yaml",
            SpecReader.String(json["targetPath"]) is { Length: > 0 } path ? path : null,
            SpecReader.Bool(json["optional"]))
        {
            Literal = SpecReader.Bool(json["literal"]),
        };
    }
}
