namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>One git smart-HTTP server shared by a test class; each test creates its own repositories.</summary>
public sealed class GitHttpFixture : IAsyncLifetime
{
    public GitHttpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await GitHttpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
