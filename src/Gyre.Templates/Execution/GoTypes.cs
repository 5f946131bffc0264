namespace Gyre.Templates.Execution;

/// <summary>Go type names and kinds of the values the engine handles (the reflect view of the data model).</summary>
internal static class GoTypes
{
    public const string Interface = "interface {}";
    public const string MapType = "map[string]interface {}";
    public const string ListType = "[]interface {}";

    public static string TypeName(object? v) => v switch
    {
        null => Interface,
        NoValue => "<nil>",
        bool => "bool",
        string => "string",
        long or int => "int",
        GoInt64 => "int64",
        double => "float64",
        ulong => "uint64",
        Dictionary<string, object?> => MapType,
        List<object?> => ListType,
        string[] => "[]string",
        long[] => "[]int",
        Dictionary<string, string> => "map[string]string",
        GoKeyedMap km => km.GoType,
        IGoValue g => g.GoType,
        _ => v.GetType().Name,
    };

    public static GoKind Kind(object? v) => v switch
    {
        null or NoValue => GoKind.Invalid,
        bool => GoKind.Bool,
        string => GoKind.String,
        long or int or GoInt64 => GoKind.Int,
        ulong => GoKind.Uint,
        double => GoKind.Float,
        Dictionary<string, object?> or Dictionary<string, string> or GoKeyedMap => GoKind.Map,
        List<object?> or string[] or long[] => GoKind.Slice,
        IGoValue g => g.Kind,
        _ => GoKind.Struct,
    };

    public static bool IsInt(object? v) => v is long or int or GoInt64;

    public static long AsLong(object? v) => v switch
    {
        long l => l,
        int i => i,
        GoInt64 g => g.Value,
        ulong u => (long)u,
        _ => 0,
    };

    /// <summary>Length of a collection or string (bytes, as Go's len), or -1.</summary>
    public static int Length(object? v) => v switch
    {
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        Dictionary<string, object?> m => m.Count,
        Dictionary<string, string> m => m.Count,
        GoKeyedMap km => km.Entries.Count,
        List<object?> l => l.Count,
        string[] a => a.Length,
        long[] a => a.Length,
        _ => -1,
    };

    /// <summary>text/template's isTrue.</summary>
    public static (bool Truth, bool Ok) IsTrue(object? v) => v switch
    {
        null or NoValue => (false, true),
        bool b => (b, true),
        string s => (s.Length > 0, true),
        long or int or GoInt64 => (AsLong(v) != 0, true),
        ulong u => (u != 0, true),
        double d => (d != 0, true),
        _ when Length(v) >= 0 => (Length(v) > 0, true),
        IGoValue g => (g.Kind != GoKind.Pointer || true, true),
        _ => (true, true),
    };

    /// <summary>The element at <paramref name="i"/> of a slice value, as an interface value.</summary>
    public static object? SliceAt(object v, int i) => v switch
    {
        List<object?> l => l[i],
        string[] a => a[i],
        long[] a => a[i],
        _ => throw new InvalidOperationException("not a slice"),
    };
}
