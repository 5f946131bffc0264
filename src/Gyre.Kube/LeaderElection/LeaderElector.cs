using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Kube.LeaderElection;

/// <summary>
/// Acquires and renews a Lease, runs the leader's work while it holds it, stops the work as soon as renewal fails
/// for longer than the renew deadline, and releases the Lease on shutdown (client-go <c>LeaderElector.Run</c>).
/// A held lease counts as expired only when this process has not seen it change for LeaseDuration, measured on the
/// local clock, so clock skew between candidates does not matter (client-go's <c>observedTime</c>).
/// </summary>
public sealed class LeaderElector
{
    internal static readonly ApiResource Leases = new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true);
    private readonly ResourceClient _leases;
    private readonly LeaderElectionConfig _config;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private string? _observedRecord;
    private DateTimeOffset _observedTime;

    /// <summary>Creates an elector.</summary>
    public LeaderElector(KubeClient client, LeaderElectionConfig config, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        _leases = client.Resource(Leases);
        _config = config;
        _timeProvider = timeProvider ?? client.Api.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>True while this candidate holds the lease.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Campaigns until leader, then runs <paramref name="lead"/> with a token cancelled when leadership is lost or
    /// <paramref name="cancellationToken"/> fires. Returns when leadership ends; the lease is released if configured.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        IsLeader = true;
        Log.LeaderAcquired(_logger, _config.Namespace, _config.Name, _config.Identity);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
        try
        {
            await RenewAsync(work, leading.Token).ConfigureAwait(false);
        }
        finally
        {
            IsLeader = false;
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (_config.ReleaseOnCancel && cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            else
            {
                Log.LeaderLost(_logger, _config.Namespace, _config.Name, _config.Identity);
            }
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (!await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(Jittered(_config.RetryPeriod), _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(Task work, CancellationToken cancellationToken)
    {
        var lastRenew = _timeProvider.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
        {
            await Task.WhenAny(Task.Delay(_config.RetryPeriod, _timeProvider, cancellationToken), work).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested || work.IsCompleted)
            {
                return;
            }

            bool renewed;
            try
            {
                renewed = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (renewed)
            {
                lastRenew = _timeProvider.GetTimestamp();
            }
            else if (_timeProvider.GetElapsedTime(lastRenew) >= _config.RenewDeadline)
            {
                return;
            }
        }
    }

    /// <summary>One attempt, as client-go's <c>tryAcquireOrRenew</c>; false when someone else holds a live lease or a write lost a race.</summary>
    internal async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        JsonObject? lease;
        try
        {
            lease = await _leases.GetAsync(_config.Namespace, _config.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            lease = null;
        }
        catch (KubeException e)
        {
            Log.LeaseAttemptFailed(_logger, _config.Namespace, _config.Name, e.Message);
            return false;
        }

        try
        {
            if (lease is null)
            {
                await _leases.CreateAsync(NewLease(now, transitions: 0, acquireTime: now), null, cancellationToken).ConfigureAwait(false);
                Observe(null, now);
                return true;
            }

            var spec = lease["spec"] as JsonObject ?? [];
            var holder = (string?)spec["holderIdentity"];
            var record = spec.ToJsonString();
            if (record != _observedRecord)
            {
                Observe(record, now);
            }

            var duration = TimeSpan.FromSeconds((int?)spec["leaseDurationSeconds"] ?? (int)_config.LeaseDuration.TotalSeconds);
            var mine = holder == _config.Identity;
            if (!string.IsNullOrEmpty(holder) && !mine && _observedTime + duration > now)
            {
                return false;
            }

            var transitions = (int?)spec["leaseTransitions"] ?? 0;
            var acquireTime = mine ? ParseTime((string?)spec["acquireTime"]) ?? now : now;
            var updated = NewLease(now, mine ? transitions : transitions + 1, acquireTime);
            updated["metadata"]!["resourceVersion"] = (string?)lease["metadata"]?["resourceVersion"];
            var result = await _leases.UpdateAsync(updated, null, cancellationToken).ConfigureAwait(false);
            Observe(result["spec"]?.ToJsonString(), now);
            return true;
        }
        catch (KubeException e) when (e is not KubeConfigException)
        {
            // Conflict or AlreadyExists: another candidate wrote first. Anything else: try again next period.
            Log.LeaseAttemptFailed(_logger, _config.Namespace, _config.Name, e.Message);
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        // Shutdown has been requested, so the caller's token is cancelled: give the release its own short deadline.
        using var timeout = new CancellationTokenSource(_config.RenewDeadline, _timeProvider);
        try
        {
            var lease = await _leases.GetAsync(_config.Namespace, _config.Name, timeout.Token).ConfigureAwait(false);
            if ((string?)lease["spec"]?["holderIdentity"] != _config.Identity)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            var released = NewLease(now, (int?)lease["spec"]?["leaseTransitions"] ?? 0, now);
            released["spec"]!["holderIdentity"] = null;
            released["spec"]!["leaseDurationSeconds"] = 1;
            released["metadata"]!["resourceVersion"] = (string?)lease["metadata"]?["resourceVersion"];
            await _leases.UpdateAsync(released, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubeException or OperationCanceledException)
        {
            Log.LeaseAttemptFailed(_logger, _config.Namespace, _config.Name, "release failed: " + e.Message);
        }
    }

    private JsonObject NewLease(DateTimeOffset now, int transitions, DateTimeOffset acquireTime) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = _config.Name, ["namespace"] = _config.Namespace },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = _config.Identity,
            ["leaseDurationSeconds"] = (int)_config.LeaseDuration.TotalSeconds,
            ["acquireTime"] = MicroTime(acquireTime),
            ["renewTime"] = MicroTime(now),
            ["leaseTransitions"] = transitions,
        },
    };

    private void Observe(string? record, DateTimeOffset now)
    {
        _observedRecord = record;
        _observedTime = now;
    }

    private static TimeSpan Jittered(TimeSpan period) => period * (1 + (1.2 * Random.Shared.NextDouble()));

    // metav1.MicroTime's wire format.
    private static string MicroTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
