namespace Gyre.Controllers.Tests.Support;

/// <summary>A working copy the tests commit to and push from, like a user's clone.</summary>
public sealed class GitWorkTree : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GitWorkTree(string barePath)
    {
        BarePath = barePath;
        Git("init", "-q", "--initial-branch=main");
        Git("remote", "add", "origin", barePath);
    }

    public string BarePath { get; }

    public string Path => _dir.Path;

    public string Git(params string[] args) => Shell.Run(Path, "git", args).Trim();

    public GitWorkTree Write(string relative, string content)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return this;
    }

    /// <summary>Commits everything and returns the commit hash.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    public void Push(string refspec = "HEAD:refs/heads/main", bool force = false) =>
        Git(force ? ["push", "-q", "--force", "origin", refspec] : ["push", "-q", "origin", refspec]);

    public void Dispose() => _dir.Dispose();
}
