namespace Gyre.Controllers.Bench;

/// <summary>The 1-minute load average, printed with every result: the machine is shared.</summary>
internal static class LoadAverage
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
