using Gyre.Manifests;

namespace Gyre.PostBuild;

/// <summary>Post-build substitution failed: a malformed ${...} expression, an unset variable in strict mode, a bad name.</summary>
public sealed class SubstitutionException : Exception
{
    public SubstitutionException(string reason, ObjectRef? obj = null, string? variable = null, Exception? innerException = null)
        : base(obj is null ? reason : $"{obj}: {reason}", innerException)
    {
        Reason = reason;
        Object = obj;
        Variable = variable;
    }

    public string Reason { get; }

    public ObjectRef? Object { get; }

    /// <summary>The variable that was not set, when that is the failure.</summary>
    public string? Variable { get; }
}
