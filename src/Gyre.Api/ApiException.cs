namespace Gyre.Api;

/// <summary>An object's spec cannot be read: names the object and the field, as the API server's validation would.</summary>
public sealed class ApiException : Exception
{
    public ApiException(string objectName, string field, string why)
        : base($"{objectName}: {field}: {why}")
    {
        ObjectName = objectName;
        Field = field;
    }

    /// <summary>Kind/namespace/name of the object.</summary>
    public string ObjectName { get; }

    /// <summary>The JSON path of the offending field, e.g. spec.interval.</summary>
    public string Field { get; }
}
