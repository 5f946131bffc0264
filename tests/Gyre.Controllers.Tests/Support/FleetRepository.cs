namespace Gyre.Controllers.Tests.Support;

/// <summary>A bare repository on the test git server plus a working copy to commit and push from.</summary>
public sealed class FleetRepository : IDisposable
{
    public FleetRepository(GitHttpServer server, string name)
    {
        Url = server.CreateRepository(name);
        WorkTree = new GitWorkTree(server.PathOf(name));
    }

    public string Url { get; }

    public GitWorkTree WorkTree { get; }

    public FleetRepository Write(string path, string content)
    {
        WorkTree.Write(path, content);
        return this;
    }

    public FleetRepository Delete(string path)
    {
        File.Delete(Path.Combine(WorkTree.Path, path));
        return this;
    }

    /// <summary>Commits and pushes to main; returns the commit hash.</summary>
    public string Push(string message = "update")
    {
        var commit = WorkTree.Commit(message);
        WorkTree.Push();
        return commit;
    }

    public void Dispose() => WorkTree.Dispose();
}
