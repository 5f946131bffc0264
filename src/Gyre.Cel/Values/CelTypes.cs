namespace Gyre.Cel.Values;

/// <summary>Maps the engine's runtime representation to CEL types.</summary>
internal static class CelTypes
{
    public static CelType Of(object value) => value switch
    {
        long => CelType.Int,
        ulong => CelType.Uint,
        double => CelType.Double,
        bool => CelType.Bool,
        string => CelType.String,
        CelBytes => CelType.Bytes,
        IReadOnlyList<object> => CelType.List,
        CelMap => CelType.Map,
        CelNull => CelType.Null,
        CelType => CelType.Type,
        DateTimeOffset => CelType.Timestamp,
        TimeSpan => CelType.Duration,
        _ => new CelType(value.GetType().Name),
    };
}
