using System.Globalization;
using System.Text.Json;
using Gyre.Cel.Values;

namespace Gyre.Cel.Tests.Conformance;

/// <summary>Parses a case's expected outcome and compares it with a result, type included (1 and 1u differ).</summary>
internal static class ExpectedValue
{
    public static object Parse(string expected)
    {
        var space = expected.IndexOf(' ', StringComparison.Ordinal);
        var kind = space < 0 ? expected : expected[..space];
        var text = space < 0 ? string.Empty : expected[(space + 1)..];
        return kind switch
        {
            "int" => long.Parse(text, CultureInfo.InvariantCulture),
            "uint" => ulong.Parse(text, CultureInfo.InvariantCulture),
            "double" => text switch
            {
                "NaN" => double.NaN,
                "+Inf" or "Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(text, CultureInfo.InvariantCulture),
            },
            "bool" => bool.Parse(text),
            "string" => JsonSerializer.Deserialize<string>(text)!,
            "bytes" => new CelBytes(Convert.FromHexString(text)),
            "null" => CelNull.Value,
            "type" => CelType.FromIdentifier(text) ?? new CelType(text),
            "value" => Literal(text),
            _ => throw new InvalidDataException($"unknown expected kind '{kind}'"),
        };
    }

    public static object Literal(string cel)
    {
        var value = CelExpression.Compile(cel, []).EvaluateValue(new Dictionary<string, object>());
        return value is CelError error ? throw new InvalidDataException($"literal '{cel}' failed: {error.Message}") : value;
    }

    public static bool StrictEquals(object actual, object expected) => (actual, expected) switch
    {
        (double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || a.Equals(b),
        (IReadOnlyList<object> a, IReadOnlyList<object> b) => a.Count == b.Count && a.Zip(b).All(p => StrictEquals(p.First, p.Second)),
        (CelMap a, CelMap b) => a.Count == b.Count && a.Keys.All(k => b.TryGet(k, out var bv) && a.TryGet(k, out var av) && StrictEquals(av, bv)),
        _ => actual.GetType() == expected.GetType() && CelEquality.ValueEquals(actual, expected),
    };
}
