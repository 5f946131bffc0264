namespace Gyre.Cli;

/// <summary>The console streams the CLI writes to; tests pass their own writers.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In)
{
    public static CliConsole Create() => new(Console.Out, Console.Error, Console.In);
}
