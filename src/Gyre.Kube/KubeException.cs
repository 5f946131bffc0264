namespace Gyre.Kube;

/// <summary>
/// Base of every failure Gyre.Kube reports: API errors, transport errors and configuration errors.
/// <see cref="IsTransient"/> says whether retrying the same call can help (as Npgsql's NpgsqlException does).
/// </summary>
public abstract class KubeException : Exception
{
    /// <summary>Creates the exception with a message of the form <c>&lt;where&gt;: &lt;what failed&gt;: &lt;why&gt;</c>.</summary>
    protected KubeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>True when the same request may succeed later (throttling, server errors, transport failures).</summary>
    public abstract bool IsTransient { get; }
}
