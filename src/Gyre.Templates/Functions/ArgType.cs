namespace Gyre.Templates.Functions;

/// <summary>The Go parameter type of a template function, which decides how text/template converts an argument.</summary>
public enum ArgType
{
    /// <summary><c>interface{}</c>: any value; a missing value becomes nil.</summary>
    Any,

    /// <summary><c>reflect.Value</c>: any value, including a missing one (the builtins' parameter type).</summary>
    Value,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>int</c>.</summary>
    Int,

    /// <summary><c>int64</c>.</summary>
    Int64,

    /// <summary><c>float64</c>.</summary>
    Float64,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>map[string]interface{}</c>.</summary>
    Map,

    /// <summary><c>[]interface{}</c>.</summary>
    List,

    /// <summary><c>[]string</c>.</summary>
    StringList,

    /// <summary><c>time.Time</c>.</summary>
    Time,

    /// <summary><c>uint32</c>.</summary>
    Uint32,

    /// <summary>Sprig's <c>certificate</c> struct (Cert and Key PEM strings).</summary>
    Certificate,
}
