namespace Gyre.Cli.Up;

/// <summary>What `gyre up` was asked to do.</summary>
internal sealed record UpOptions
{
    /// <summary>REPO_DIR; null runs the example fleet found under the current directory.</summary>
    public string? Repository { get; init; }

    /// <summary>--path: the directory the flux-system Kustomization applies; null means the repository root (or clusters/development for the example fleet).</summary>
    public string? Path { get; init; }

    /// <summary>--data: state (cluster database, artifacts, logs); null picks a per-repository directory under ~/.local/state/gyre.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>--port for the local cluster; 0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>--once: exit when everything is Ready (0) or something failed (1).</summary>
    public bool Once { get; init; }

    /// <summary>--kubeconfig: use this cluster instead of starting the local one.</summary>
    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    /// <summary>With --once, how long to wait for Ready.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the output is a terminal (live tree) or a log (one line per change).</summary>
    public bool Interactive { get; init; }
}
