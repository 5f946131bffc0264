namespace Gyre.Cel.Values;

/// <summary>A CEL type value, as returned by <c>type(x)</c> and named by the identifiers <c>int</c>, <c>string</c>...</summary>
internal sealed record CelType(string Name)
{
    public static readonly CelType Int = new("int");
    public static readonly CelType Uint = new("uint");
    public static readonly CelType Double = new("double");
    public static readonly CelType Bool = new("bool");
    public static readonly CelType String = new("string");
    public static readonly CelType Bytes = new("bytes");
    public static readonly CelType List = new("list");
    public static readonly CelType Map = new("map");
    public static readonly CelType Null = new("null_type");
    public static readonly CelType Type = new("type");
    public static readonly CelType Timestamp = new("google.protobuf.Timestamp");
    public static readonly CelType Duration = new("google.protobuf.Duration");

    /// <summary>The types an identifier can name when no variable of that name is bound.</summary>
    public static CelType? FromIdentifier(string name) => name switch
    {
        "int" => Int,
        "uint" => Uint,
        "double" => Double,
        "bool" => Bool,
        "string" => String,
        "bytes" => Bytes,
        "list" => List,
        "map" => Map,
        "null_type" => Null,
        "type" => Type,
        "google.protobuf.Timestamp" => Timestamp,
        "google.protobuf.Duration" => Duration,
        _ => null,
    };

    public override string ToString() => Name;
}
