namespace Gyre.LocalCluster;

/// <summary>How to run a local cluster: where it keeps its state and how it listens.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>The data directory: SQLite database, CA and serving certificates, token digests and the kubeconfig.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The port on 127.0.0.1; 0 picks a free ephemeral port.</summary>
    public int Port { get; init; }

    /// <summary>Whether workloads are driven to the status a healthy cluster reports (on by default).</summary>
    public bool EnableWorkloadSimulator { get; init; } = true;

    /// <summary>How long a simulated workload takes to become ready.</summary>
    public TimeSpan SimulatorDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many recent changes a watch can resume from before it gets 410 Gone.</summary>
    public int WatchCacheSize { get; init; } = 100_000;

    /// <summary>The clock for timestamps; tests may pass their own.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
