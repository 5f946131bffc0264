namespace Gyre.Controllers.Tests.Support;

/// <summary>
/// A second rig (its own local cluster and Git server) whose controllers run with Flux's multi-tenancy flags:
/// --no-cross-namespace-refs, --default-service-account=tenant, and remote bases fetched by <see cref="Remote"/>.
/// </summary>
public sealed class ControllerFlagsFixture : ControllersFixture
{
    public const string DefaultServiceAccount = "tenant";

    public StaticRemoteFetcher Remote { get; } = new();

    protected override GyreControllersOptions Configure(GyreControllersOptions options) => options with
    {
        NoCrossNamespaceRefs = true,
        DefaultServiceAccount = DefaultServiceAccount,
        KustomizeRemoteFetcher = Remote,
    };
}
