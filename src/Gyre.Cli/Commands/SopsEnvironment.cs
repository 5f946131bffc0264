namespace Gyre.Cli.Commands;

/// <summary>What `gyre sops` reads from the process: environment variables and the working directory (tests pass their own).</summary>
internal sealed record SopsEnvironment(IReadOnlyDictionary<string, string> Variables, string CurrentDirectory)
{
    public static SopsEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new SopsEnvironment(variables, Directory.GetCurrentDirectory()) { ReadPassphrase = Console.IsInputRedirected ? null : ReadFromTerminal };
    }

    /// <summary>Asks for a passphrase (prompt in, passphrase out; null when there is no one to ask).</summary>
    public Func<string, string?>? ReadPassphrase { get; init; }

    public string? Get(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static string? ReadFromTerminal(string prompt)
    {
        Console.Error.Write(prompt);
        var passphrase = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && passphrase.Length > 0)
            {
                passphrase.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                passphrase.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return passphrase.ToString();
    }
}
