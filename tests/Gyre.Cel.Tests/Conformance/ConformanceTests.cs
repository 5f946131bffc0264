using Gyre.Cel.Values;

namespace Gyre.Cel.Tests.Conformance;

/// <summary>
/// The cel-spec conformance suite (google/cel-spec tests/simple/testdata), transcribed into testdata/conformance: the
/// suite is the oracle, each case names its source section. Cases needing protobuf messages are left out.
/// </summary>
public sealed class ConformanceTests
{
    public static IEnumerable<object[]> Basic => ConformanceFile.Load("basic");

    public static IEnumerable<object[]> Comparisons => ConformanceFile.Load("comparisons");

    public static IEnumerable<object[]> Logic => ConformanceFile.Load("logic");

    public static IEnumerable<object[]> Macros => ConformanceFile.Load("macros");

    public static IEnumerable<object[]> Strings => ConformanceFile.Load("string");

    public static IEnumerable<object[]> StringExtensions => ConformanceFile.Load("string_ext");

    public static IEnumerable<object[]> IntegerMath => ConformanceFile.Load("integer_math");

    public static IEnumerable<object[]> FloatingPointMath => ConformanceFile.Load("fp_math");

    public static IEnumerable<object[]> ConversionCases => ConformanceFile.Load("conversions");

    public static IEnumerable<object[]> Timestamps => ConformanceFile.Load("timestamps");

    public static IEnumerable<object[]> Lists => ConformanceFile.Load("lists");

    public static IEnumerable<object[]> Fields => ConformanceFile.Load("fields");

    [Theory]
    [MemberData(nameof(Basic))]
    [MemberData(nameof(Comparisons))]
    [MemberData(nameof(Logic))]
    [MemberData(nameof(Macros))]
    [MemberData(nameof(Strings))]
    [MemberData(nameof(StringExtensions))]
    [MemberData(nameof(IntegerMath))]
    [MemberData(nameof(FloatingPointMath))]
    [MemberData(nameof(ConversionCases))]
    [MemberData(nameof(Timestamps))]
    [MemberData(nameof(Lists))]
    [MemberData(nameof(Fields))]
    public void Evaluates_as_the_conformance_suite_says(string file, int line, string expression)
    {
        var test = ConformanceFile.Find(file, line);
        Assert.Equal(expression, test.Expression);
        var bindings = test.Bindings.ToDictionary(b => b.Key, b => ExpectedValue.Literal(b.Value));
        object actual;
        try
        {
            actual = CelExpression.Compile(test.Expression, bindings.Keys).EvaluateValue(bindings);
        }
        catch (CelException e)
        {
            actual = new CelError(e.Reason, e.Column);
        }

        if (test.Expected.StartsWith("error", StringComparison.Ordinal))
        {
            var error = Assert.IsType<CelError>(actual);
            Assert.Contains(test.Expected["error".Length..].Trim(), error.Message, StringComparison.OrdinalIgnoreCase);
            return;
        }

        if (actual is CelError failure)
        {
            Assert.Fail($"{test}: expected {test.Expected}, got error: {failure.Message}");
        }

        var expected = ExpectedValue.Parse(test.Expected);
        Assert.True(ExpectedValue.StrictEquals(actual, expected), $"{test}: expected {test.Expected}, got {CelTypes.Of(actual).Name} {Describe(actual)}");
    }

    private static string Describe(object value) => value switch
    {
        string s => $"\"{s}\"",
        IReadOnlyList<object> list => "[" + string.Join(", ", list.Select(Describe)) + "]",
        CelMap map => "{" + string.Join(", ", map.Keys.Select(k => $"{Describe(k)}: {(map.TryGet(k, out var v) ? Describe(v) : "?")}")) + "}",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
