namespace Gyre.Kustomize.Build;

/// <summary>Remote resources (git repositories, HTTP files) are refused: Gyre builds only what its sources fetched.</summary>
internal static class RemoteResource
{
    public static bool Looks(string entry) =>
        entry.Contains("://", StringComparison.Ordinal) || entry.StartsWith("git@", StringComparison.Ordinal)
        || entry.StartsWith("github.com/", StringComparison.Ordinal) || entry.StartsWith("gitlab.com/", StringComparison.Ordinal)
        || entry.StartsWith("bitbucket.org/", StringComparison.Ordinal) || entry.StartsWith("git::", StringComparison.Ordinal);

    public static KustomizeException Refuse(string file, string entry, string field, bool allowed) =>
        new(file, Redact(entry), field, allowed
            ? "remote resources cannot be fetched by Gyre's kustomize engine yet; vendor the files into the source"
            : "remote resources are refused by default; vendor the files into the source (or enable remote resources)");

    /// <summary>Credentials in URLs never reach a message.</summary>
    private static string Redact(string entry)
    {
        var scheme = entry.IndexOf("://", StringComparison.Ordinal);
        var at = entry.IndexOf('@', StringComparison.Ordinal);
        return scheme >= 0 && at > scheme ? entry[..(scheme + 3)] + "***" + entry[at..] : entry;
    }
}
