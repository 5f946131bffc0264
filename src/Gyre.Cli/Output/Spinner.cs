namespace Gyre.Cli.Output;

/// <summary>
/// The animated "waiting" line on a terminal: a braille spinner, the message and the seconds waited, redrawn in place
/// until the next progress line replaces it with the plain "◎ message" line (what pipes and logs get from the start).
/// </summary>
internal sealed class Spinner : IDisposable
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private static Spinner? s_current;
    private readonly Lock _lock = new();
    private readonly TextWriter _writer;
    private readonly string _message;
    private readonly ITimer _timer;
    private readonly long _started;
    private int _frame;
    private bool _stopped;

    private Spinner(TextWriter writer, string message, TimeProvider time)
    {
        _writer = writer;
        _message = message;
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Draw(time), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public static Spinner Start(TextWriter writer, string message, TimeProvider time)
    {
        StopCurrent();
        var spinner = new Spinner(writer, message, time);
        s_current = spinner;
        return spinner;
    }

    /// <summary>Ends the running spinner, if any, leaving its plain line behind; called before anything else is printed.</summary>
    public static void StopCurrent() => Interlocked.Exchange(ref s_current, null)?.Dispose();

    private void Draw(TimeProvider time)
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                var seconds = (int)time.GetElapsedTime(_started).TotalSeconds;
                _writer.Write($"\r\u001b[2K{Frames[_frame++ % Frames.Length]} {_message}{(seconds > 0 ? $" ({seconds}s)" : string.Empty)}");
                _writer.Flush();
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            if (!_stopped)
            {
                _stopped = true;
                _writer.Write($"\r\u001b[2K◎ {_message}\n");
                _writer.Flush();
            }
        }
    }
}
