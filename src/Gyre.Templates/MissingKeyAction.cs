namespace Gyre.Templates;

/// <summary>What a missing map key yields, as Go's <c>Option("missingkey=...")</c>.</summary>
public enum MissingKeyAction
{
    /// <summary><c>missingkey=default</c> (or <c>invalid</c>): no value, printed as "&lt;no value&gt;".</summary>
    Default,

    /// <summary><c>missingkey=zero</c>: the zero value of the map's element type (nil for interface{}).</summary>
    Zero,

    /// <summary><c>missingkey=error</c>: execution stops with an error.</summary>
    Error,
}
