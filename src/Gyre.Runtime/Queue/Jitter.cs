namespace Gyre.Runtime.Queue;

/// <summary>Spreads requeues so objects with the same interval do not reconcile in lockstep (Flux: ±5% by default).</summary>
public static class Jitter
{
    public static TimeSpan Apply(TimeSpan interval, double fraction, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (fraction <= 0 || interval <= TimeSpan.Zero)
        {
            return interval;
        }

        var factor = 1 + (((random.NextDouble() * 2) - 1) * fraction);
        return TimeSpan.FromTicks((long)(interval.Ticks * factor));
    }
}
