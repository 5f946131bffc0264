using Gyre.Notifications.Receivers;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class WebhookPathTests
{
    [Fact]
    public void Is_hook_and_the_sha256_of_token_name_and_namespace_as_Flux_computes_it() =>
        // python3: hashlib.sha256(b's3cr3t' + b'github' + b'apps').hexdigest()
        Assert.Equal("/hook/c9aa5bbf85db2e1d91bbf2f7777e744676e36354bd6ac9ba71a906f20e9bf503", WebhookPath.For("s3cr3t", "github", "apps"));

    [Fact]
    public void Changes_with_the_token() =>
        Assert.NotEqual(WebhookPath.For("a", "github", "apps"), WebhookPath.For("b", "github", "apps"));
}
