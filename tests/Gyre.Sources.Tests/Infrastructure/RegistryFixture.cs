namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>An anonymous registry and an htpasswd-protected one, shared by a test class.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Username = "flux";
    public const string Password = "registry-pa55word";

    public RegistryServer Anonymous { get; private set; } = null!;

    public RegistryServer Protected { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anonymous = await RegistryServer.StartAsync();
        Protected = await RegistryServer.StartAsync(Username, Password);
    }

    public async Task DisposeAsync()
    {
        await Anonymous.DisposeAsync();
        await Protected.DisposeAsync();
    }
}
