namespace Gyre.ImageAutomation.Git;

/// <summary>A pushed commit and where it went.</summary>
public sealed record PushResult(string Commit, string? Branch, string? Refspec)
{
    /// <summary>The event and condition text, as image-automation-controller words it.</summary>
    public string Summary
    {
        get
        {
            var shortCommit = Commit.Length > 7 ? Commit[..7] : Commit;
            return (Branch, Refspec) switch
            {
                ({ } b, { } r) => $"pushed commit '{shortCommit}' to branch '{b}' and refspec '{r}'",
                ({ } b, null) => $"pushed commit '{shortCommit}' to branch '{b}'",
                (null, { } r) => $"pushed commit '{shortCommit}' to refspec '{r}'",
                _ => $"committed '{shortCommit}'",
            };
        }
    }
}
