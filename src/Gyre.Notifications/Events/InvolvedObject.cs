namespace Gyre.Notifications.Events;

/// <summary>The object an event is about (core/v1 ObjectReference as Flux fills it).</summary>
public sealed record InvolvedObject(string Kind, string? Namespace, string Name, string? Uid = null, string? ApiVersion = null, string? ResourceVersion = null)
{
    /// <summary>The API group of <see cref="ApiVersion"/> ("" for core).</summary>
    public string Group => ApiVersion is { } v && v.IndexOf('/', StringComparison.Ordinal) is var i and > 0 ? v[..i] : string.Empty;

    /// <summary>"kustomization/podinfo.flux-system", the way Flux's chat providers title a message.</summary>
    public string Title => $"{Kind.ToLowerInvariant()}/{Name}.{Namespace}";

    public override string ToString() => $"{Kind}/{Namespace}/{Name}";
}
