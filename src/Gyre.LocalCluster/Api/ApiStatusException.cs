using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Api;

/// <summary>
/// The local cluster's one failure type: a request that kube-apiserver would answer with a metav1.Status error.
/// Carries the Status fields as data (code, reason, details) so the HTTP layer writes them and tests read them.
/// </summary>
public sealed class ApiStatusException : Exception
{
    public ApiStatusException(int code, string reason, string message, string? name = null, string? group = null, string? kind = null, IReadOnlyList<StatusCause>? causes = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Name = name;
        Group = group;
        Kind = kind;
        Causes = causes ?? [];
    }

    public int Code { get; }

    public string Reason { get; }

    public string? Name { get; }

    public string? Group { get; }

    public string? Kind { get; }

    public IReadOnlyList<StatusCause> Causes { get; }

    /// <summary>A continue token for the Status's list metadata (410 Expired for a compacted continue token), if any.</summary>
    public string? Continue { get; init; }

    /// <summary>Seconds a client should wait before retrying (metav1.StatusDetails.retryAfterSeconds), if any.</summary>
    public int? RetryAfterSeconds { get; init; }

    internal static ApiStatusException NotFound(ResourceRef resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", name, resource.Group, resource.Plural);

    internal static ApiStatusException AlreadyExists(ResourceRef resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", name, resource.Group, resource.Plural);

    internal static ApiStatusException Conflict(ResourceRef resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": {why}", name, resource.Group, resource.Plural);

    internal static ApiStatusException BadRequest(string message) => new(400, "BadRequest", message);

    internal static ApiStatusException Invalid(string kind, string group, string name, IReadOnlyList<StatusCause> causes)
    {
        var list = string.Join(", ", causes.Select(c => c.Field.Length == 0 ? c.Message : $"{c.Field}: {c.Message}"));
        var text = causes.Count == 1 ? list : "[" + list + "]";
        var qualifiedKind = group.Length == 0 ? kind : kind + "." + group;
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {text}", name, group, kind, causes);
    }

    internal static ApiStatusException Forbidden(string user, string verb, ResourceRef resource, string? name, string ns)
    {
        var scope = ns.Length == 0 ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var subject = name is null ? resource.QualifiedName : $"{resource.QualifiedName} \"{name}\"";
        return new(403, "Forbidden", $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource.Plural}\" in API group \"{resource.Group}\" {scope}", name, resource.Group, resource.Plural);
    }

    internal static ApiStatusException Gone(string message) => new(410, "Expired", message);

    /// <summary>The metav1.Status object kube-apiserver sends for this failure.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = Continue is null ? new JsonObject() : new JsonObject { ["continue"] = Continue },
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        var details = new JsonObject();
        if (Name is not null)
        {
            details["name"] = Name;
        }

        if (Group is not null && (Group.Length > 0 || Name is not null))
        {
            details["group"] = Group;
        }

        if (Kind is not null)
        {
            details["kind"] = Kind;
        }

        if (Causes.Count > 0)
        {
            details["causes"] = new JsonArray([.. Causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field })]);
        }

        if (RetryAfterSeconds is { } retry)
        {
            details["retryAfterSeconds"] = retry;
        }

        if (details.Count > 0)
        {
            status["details"] = details;
        }

        status["code"] = Code;
        return status;
    }
}
