using System.Text.Json.Nodes;

namespace Gyre.Kube.Dynamic;

/// <summary>One page of a list.</summary>
/// <param name="Items">The objects, each with apiVersion and kind filled in (the server omits them in lists).</param>
/// <param name="ResourceVersion">The list's resourceVersion: watch from here to see every later change.</param>
/// <param name="Continue">The token for the next page, or null on the last page.</param>
public sealed record KubeList(IReadOnlyList<JsonObject> Items, string? ResourceVersion, string? Continue);
