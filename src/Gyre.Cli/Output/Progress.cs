namespace Gyre.Cli.Output;

/// <summary>
/// flux's progress lines on stderr (► doing, ◎ waiting, ✔ done, ✗ failed, ⚠ warning), coloured only on a terminal
/// so logs and pipes get plain text. On a terminal a wait is a spinner until the next line is printed.
/// </summary>
internal sealed class Progress(CliConsole console)
{
    private readonly bool _terminal = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected;

    private bool Colour => _terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public void Action(string message) => Write("►", null, message);

    public void Waiting(string message)
    {
        if (_terminal)
        {
            Spinner.Start(console.Error, message, TimeProvider.System);
        }
        else
        {
            Write("◎", null, message);
        }
    }

    public void Success(string message) => Write("✔", "32", message);

    public void Generate(string message) => Write("✚", null, message);

    public void Failure(string message) => Write("✗", "31", message);

    public void Warning(string message) => Write("⚠", "33", message);

    private void Write(string symbol, string? colour, string message)
    {
        Spinner.StopCurrent();
        console.Error.WriteLine(Colour && colour is not null ? $"\u001b[{colour}m{symbol}\u001b[0m {message}" : $"{symbol} {message}");
    }
}
