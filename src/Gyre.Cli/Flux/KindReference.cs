using System.Text.Json.Nodes;

namespace Gyre.Cli.Flux;

/// <summary>flux's `[Kind/]name[.namespace]` references (--source, --event-source, --resource), validated against allowed kinds.</summary>
internal static class KindReference
{
    public static JsonObject Parse(string flag, string text, string defaultKind, IReadOnlyList<string> allowed, bool withApiVersion = false)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? defaultKind : text[..slash];
        var rest = slash < 0 ? text : text[(slash + 1)..];
        var match = allowed.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));
        if (match is null || rest.Length == 0)
        {
            throw new CommandException($"{flag} '{text}': expected [Kind/]name[.namespace] with Kind one of {string.Join(", ", allowed)}", ExitCodes.Usage);
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var reference = new JsonObject();
        if (withApiVersion && FluxKinds.ByKind(match) is { } fluxKind)
        {
            reference["apiVersion"] = fluxKind.ApiVersion;
        }

        reference["kind"] = match;
        reference["name"] = dot < 0 ? rest : rest[..dot];
        if (dot >= 0)
        {
            reference["namespace"] = rest[(dot + 1)..];
        }

        return reference;
    }
}
