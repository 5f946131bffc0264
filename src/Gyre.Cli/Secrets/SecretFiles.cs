using Gyre.Cli.Flux;

namespace Gyre.Cli.Secrets;

/// <summary>Reads the files `gyre create secret` flags point at; a missing or unreadable file is a usage error naming the flag.</summary>
internal static class SecretFiles
{
    public static async Task<string> ReadTextAsync(string path, string flag, string where, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"{where}: {flag} {path}: cannot read it: {ex.Message}", ExitCodes.Usage);
        }
    }
}
