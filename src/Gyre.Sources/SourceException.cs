namespace Gyre.Sources;

/// <summary>
/// The one failure type of the sources engine. The message reads <c>&lt;where&gt;: &lt;what failed&gt;: &lt;why&gt;</c>;
/// <see cref="Location"/> is the redacted URL or path it happened at, <see cref="Reason"/> the Flux condition reason
/// a reconciler reports. Messages never carry credentials: every URL passes through <see cref="UrlRedactor"/>.
/// </summary>
public sealed class SourceException : Exception
{
    public SourceException(string location, string what, string why, string reason, bool isTransient = false, Exception? inner = null)
        : base($"{location}: {what}: {why}", inner)
    {
        Location = location;
        Reason = reason;
        IsTransient = isTransient;
    }

    private SourceException(SourceException other, string reason)
        : base(other.Message, other)
    {
        Location = other.Location;
        Reason = reason;
        IsTransient = other.IsTransient;
    }

    /// <summary>Redacted URL, file or object the failure is about.</summary>
    public string Location { get; }

    /// <summary>The condition reason (see <see cref="SourceReasons"/>) a reconciler puts on FetchFailed/Ready.</summary>
    public string Reason { get; }

    /// <summary>Whether retrying the same input can succeed (network, server errors) or not (bad URL, wrong key).</summary>
    public bool IsTransient { get; }

    /// <summary>The same failure reported under another reason (e.g. an unsafe OCI layer is a layer operation failure).</summary>
    internal SourceException WithReason(string reason) => reason == Reason ? this : new SourceException(this, reason);

    /// <summary>
    /// The condition a reconciler sets to False/True with <see cref="Reason"/>, as source-controller does: storage
    /// failures go on StorageOperationFailed, signature failures on SourceVerified (False), missing includes on
    /// IncludeUnavailable, everything else on FetchFailed. Non-transient failures also mean Stalled.
    /// </summary>
    public string ConditionType => Reason switch
    {
        SourceReasons.VerificationError => SourceConditions.SourceVerified,
        SourceReasons.IncludeUnavailable => SourceConditions.IncludeUnavailable,
        SourceReasons.ArchiveOperationFailed or SourceReasons.DirectoryCreationFailed or SourceReasons.StatOperationFailed
            or SourceReasons.ReadOperationFailed or SourceReasons.SymlinkUpdateFailed or SourceReasons.InvalidPath => SourceConditions.StorageOperationFailed,
        _ => SourceConditions.FetchFailed,
    };
}
