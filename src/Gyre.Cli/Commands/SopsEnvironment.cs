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

        return new SopsEnvironment(variables, Directory.GetCurrentDirectory());
    }

    public string? Get(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
