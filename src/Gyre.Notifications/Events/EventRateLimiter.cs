using System.Security.Cryptography;
using System.Text;

namespace Gyre.Notifications.Events;

/// <summary>
/// Drops identical events inside a window, as notification-controller's --rate-limit-interval (default 5m) does: the
/// key is the involved object (kind, namespace, name), the message and the metadata, so a new revision is never
/// held back. Thread-safe; expired keys are swept as the limiter is used.
/// </summary>
public sealed class EventRateLimiter
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextSweep;

    public EventRateLimiter(TimeSpan interval, TimeProvider time)
    {
        _interval = interval;
        _time = time;
    }

    /// <summary>True when the event passes; false when an identical one passed less than the interval ago.</summary>
    public bool Allow(FluxEvent ev)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return true;
        }

        var key = Key(ev);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (now >= _nextSweep)
            {
                Sweep(now);
            }

            if (_seen.TryGetValue(key, out var until) && now < until)
            {
                return false;
            }

            _seen[key] = now + _interval;
            return true;
        }
    }

    internal static string Key(FluxEvent ev)
    {
        var text = new StringBuilder()
            .Append(ev.InvolvedObject.Kind).Append('\n')
            .Append(ev.InvolvedObject.Namespace).Append('\n')
            .Append(ev.InvolvedObject.Name).Append('\n')
            .Append(ev.Severity).Append('\n')
            .Append(ev.Message).Append('\n');
        foreach (var key in ev.Metadata.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(ev.Metadata[key]).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, until) in _seen.ToList())
        {
            if (until <= now)
            {
                _seen.Remove(key);
            }
        }

        _nextSweep = now + _interval;
    }
}
