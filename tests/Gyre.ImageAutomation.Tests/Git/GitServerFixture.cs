namespace Gyre.ImageAutomation.Tests.Git;

/// <summary>One git smart-HTTP server on 127.0.0.1 for the run tests; each test makes its own repository.</summary>
public sealed class GitServerFixture : IAsyncLifetime
{
    public GitHttpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await GitHttpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A bare repository that accepts pushes over HTTP, with a working copy holding <paramref name="files"/> on main.</summary>
    public (string Url, GitWorkTree WorkTree) Repository(string name, params (string Path, string Content)[] files)
    {
        var url = Server.CreateRepository(name);
        var bare = Server.PathOf(name);
        Shell.Run(bare, "git", "config", "http.receivepack", "true");
        Shell.Run(bare, "git", "config", "receive.advertisePushOptions", "true");
        var work = new GitWorkTree(bare);
        foreach (var (path, content) in files)
        {
            work.Write(path, content);
        }

        work.Commit("initial");
        work.Push();
        return (url, work);
    }
}

[CollectionDefinition(Name)]
public sealed class GitServerCollection : ICollectionFixture<GitServerFixture>
{
    public const string Name = "git-server";
}
