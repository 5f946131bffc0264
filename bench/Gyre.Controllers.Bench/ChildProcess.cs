using System.Diagnostics;
using System.Reflection;

namespace Gyre.Controllers.Bench;

/// <summary>
/// This benchmark started again in another role (environment or controllers): its first output line is the
/// handshake, closing its standard input stops it, and its CPU time and peak working set are read from /proc.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string firstLine)
    {
        _process = process;
        FirstLine = firstLine;
    }

    public string FirstLine { get; }

    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>
    /// The highest private resident memory seen by <see cref="Sample"/> (RssAnon + RssShmem: heap, JIT code, native
    /// allocations), i.e. the working set without the mapped runtime and framework files every .NET process shares.
    /// </summary>
    public long PeakPrivate { get; private set; }

    public void Sample()
    {
        long kib = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                kib += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        PeakPrivate = Math.Max(PeakPrivate, kib * 1024);
    }

    public static async Task<ChildProcess> StartAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"bench: could not start '{args[0]}'");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2))
            ?? throw new InvalidOperationException($"bench: the {args[0]} process exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
        return new ChildProcess(process, line);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
