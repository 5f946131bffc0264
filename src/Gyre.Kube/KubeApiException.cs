namespace Gyre.Kube;

/// <summary>
/// The API server answered with a failure Status. Exposes the metav1.Status fields as data
/// (as Npgsql's PostgresException exposes SqlState) and the predicates of apimachinery's <c>errors</c> package.
/// </summary>
public sealed class KubeApiException : KubeException
{
    /// <summary>Creates the exception for a failed request.</summary>
    public KubeApiException(KubeRequestTarget target, KubeStatus status, TimeSpan? retryAfter = null)
        : base(Compose(target, status))
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The request that failed.</summary>
    public KubeRequestTarget Target { get; }

    /// <summary>The server's Status.</summary>
    public KubeStatus Status { get; }

    /// <summary>The HTTP status code.</summary>
    public int Code => Status.Code;

    /// <summary>The StatusReason (<c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>...).</summary>
    public string Reason => Status.Reason;

    /// <summary>The field-level causes.</summary>
    public IReadOnlyList<KubeStatusCause> Causes => Status.Causes;

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The object or resource does not exist (404 / NotFound).</summary>
    public bool IsNotFound => Reason == "NotFound" || (Code == 404 && Reason == "Unknown");

    /// <summary>A resourceVersion precondition failed or a concurrent writer won (409 / Conflict).</summary>
    public bool IsConflict => Reason == "Conflict";

    /// <summary>Create found an object with the same name (409 / AlreadyExists).</summary>
    public bool IsAlreadyExists => Reason == "AlreadyExists";

    /// <summary>Validation failed (422 / Invalid); <see cref="Causes"/> names the fields.</summary>
    public bool IsInvalid => Reason == "Invalid";

    /// <summary>The resourceVersion is too old (410 / Expired or Gone): list again.</summary>
    public bool IsGone => Code == 410 || Reason is "Expired" or "Gone";

    /// <summary>The credentials were missing or rejected (401).</summary>
    public bool IsUnauthorized => Code == 401;

    /// <summary>The credentials are valid but lack permission (403).</summary>
    public bool IsForbidden => Code == 403;

    /// <summary>Throttled (429 / TooManyRequests).</summary>
    public bool IsTooManyRequests => Code == 429;

    /// <inheritdoc />
    // As client-go's IsTooManyRequests/IsServerTimeout/IsInternalError/IsServiceUnavailable/IsTimeout: retrying can help.
    public override bool IsTransient =>
        Code is 429 or 500 or 502 or 503 or 504 || Reason is "ServerTimeout" or "Timeout" or "TooManyRequests";

    private static string Compose(KubeRequestTarget target, KubeStatus status)
    {
        var message = $"{target}: {status.Reason} ({status.Code}): {status.Message}";
        var fields = status.Causes.Where(c => !string.IsNullOrEmpty(c.Field) && !status.Message.Contains(c.Field!, StringComparison.Ordinal))
            .Select(c => $"{c.Field}: {c.Message}").ToList();
        if (fields.Count > 0)
        {
            message += $" [{string.Join("; ", fields)}]";
        }

        return message + Advice(status);
    }

    private static string Advice(KubeStatus status) => status.Reason switch
    {
        "Conflict" => "; re-read the object and apply the change to its latest resourceVersion",
        "NotFound" => "; check the name and namespace, and that the resource's CRD is installed",
        "AlreadyExists" => "; update the existing object or choose another name",
        "Unauthorized" => "; check the credentials of the kubeconfig user (token, client certificate, exec plugin)",
        "Forbidden" => "; grant the user the missing RBAC permission or impersonate an account that has it",
        "Expired" or "Gone" => "; list again to get a current resourceVersion",
        _ => string.Empty,
    };
}
