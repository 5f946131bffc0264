namespace Gyre.Cel.Tests.Conformance;

/// <summary>One transcribed conformance test: where it comes from, the expression, bindings and expected outcome.</summary>
public sealed record ConformanceCase(string File, int Line, string Section, string Expression, string Expected, IReadOnlyDictionary<string, string> Bindings)
{
    public override string ToString() => $"{File}:{Line} [{Section}] {Expression}";
}
