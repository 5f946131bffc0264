using Gyre.Templates.Functions;

namespace Gyre.Templates.Execution;

/// <summary>A Go value of a named integer type with a String method (time.Weekday, time.Month).</summary>
internal sealed class GoNamed(string goType, string text, long value) : IGoValue
{
    public string GoType { get; } = goType;

    public GoKind Kind => GoKind.Int;

    public long Value { get; } = value;

    public string Format() => text;

    public TemplateFunction? Method(string name) => name == "String" ? TemplateFunction.Of(_ => text) : null;

    public override bool Equals(object? obj) => obj is GoNamed n && n.GoType == GoType && n.Value == Value;

    public override int GetHashCode() => HashCode.Combine(GoType, Value);
}
