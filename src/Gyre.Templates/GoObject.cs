using Gyre.Templates.Functions;

namespace Gyre.Templates;

/// <summary>
/// A map that also has methods, for host objects templates call into (Helm's .Files.Get, .Capabilities.APIVersions.Has):
/// fields are map entries (so range and index work), methods are looked up before fields.
/// </summary>
public sealed class GoObject : Dictionary<string, object?>
{
    public GoObject()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Methods callable as <c>.Name arg...</c>.</summary>
    public Dictionary<string, TemplateFunction> Methods { get; } = new(StringComparer.Ordinal);

    /// <summary>What fmt prints for the value (a Go String method), or null to print it as a map.</summary>
    public string? Text { get; init; }
}
