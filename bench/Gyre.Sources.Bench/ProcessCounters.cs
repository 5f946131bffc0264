using System.Globalization;

namespace Gyre.Sources.Bench;

/// <summary>CPU (this process plus waited-for children such as git) and bytes written, from /proc.</summary>
internal readonly record struct ProcessCounters(double CpuSeconds, long WriteBytes)
{
    public static ProcessCounters Read()
    {
        // /proc/self/stat fields 14-17: utime, stime, cutime, cstime in clock ticks (USER_HZ = 100 on Linux).
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        var write = File.ReadAllLines("/proc/self/io").First(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
        return new ProcessCounters(ticks / 100.0, long.Parse(write["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture));
    }

    public static ProcessCounters operator -(ProcessCounters a, ProcessCounters b) => new(a.CpuSeconds - b.CpuSeconds, a.WriteBytes - b.WriteBytes);
}
