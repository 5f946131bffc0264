namespace Gyre.Templates.Execution;

/// <summary>A Go value with a named type (time.Time, *semver.Version...) that may have methods callable from templates.</summary>
internal interface IGoValue
{
    string GoType { get; }

    GoKind Kind { get; }

    /// <summary>fmt's %v text (the String method when the Go type has one).</summary>
    string Format();

    /// <summary>Looks up a method by name; null when the type has none of that name.</summary>
    Functions.TemplateFunction? Method(string name);
}
