namespace Gyre.Kube.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease with client-go's timing semantics
/// (<c>tools/leaderelection.LeaderElectionConfig</c>).
/// </summary>
/// <param name="Namespace">The Lease's namespace.</param>
/// <param name="Name">The Lease's name.</param>
/// <param name="Identity">This candidate's identity, unique per process (e.g. pod name + random suffix).</param>
public sealed record LeaderElectionConfig(string Namespace, string Name, string Identity)
{
    /// <summary>How long others wait, after last seeing the lease change, before taking it over. The default is 15 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before giving up leadership. The default is 10 s.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The interval between attempts to acquire or renew. The default is 2 s.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clear the holder on shutdown so another candidate takes over at once. The default is true.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>Checks client-go's invariants: LeaseDuration &gt; RenewDeadline &gt; RetryPeriod × 1.2 (JitterFactor).</summary>
    public void Validate()
    {
        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"lease {Namespace}/{Name}: LeaseDuration ({LeaseDuration}) must be greater than RenewDeadline ({RenewDeadline})");
        }

        if (RenewDeadline <= RetryPeriod * 1.2)
        {
            throw new ArgumentException($"lease {Namespace}/{Name}: RenewDeadline ({RenewDeadline}) must be greater than RetryPeriod × 1.2 ({RetryPeriod * 1.2})");
        }

        ArgumentException.ThrowIfNullOrEmpty(Identity);
    }
}
