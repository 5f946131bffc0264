namespace Gyre.Cli.Output;

/// <summary>
/// flux's progress lines on stderr (► doing, ◎ waiting, ✔ done, ✗ failed, ⚠ warning), coloured only on a terminal
/// so logs and pipes get plain text.
/// </summary>
internal sealed class Progress(CliConsole console)
{
    private readonly bool _colour = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public void Action(string message) => Write("►", null, message);

    public void Waiting(string message) => Write("◎", null, message);

    public void Success(string message) => Write("✔", "32", message);

    public void Failure(string message) => Write("✗", "31", message);

    public void Warning(string message) => Write("⚠", "33", message);

    private void Write(string symbol, string? colour, string message) =>
        console.Error.WriteLine(_colour && colour is not null ? $"\u001b[{colour}m{symbol}\u001b[0m {message}" : $"{symbol} {message}");
}
