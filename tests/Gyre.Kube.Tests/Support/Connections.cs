using Gyre.Kube.Config;

namespace Gyre.Kube.Tests.Support;

public static class Connections
{
    public static KubeConnection Plain(Uri server, string? token = null) => new() { Server = server, Token = token, Namespace = "default" };

    public static KubeClientOptions NoRetries => new() { Retry = Gyre.Kube.Transport.RetryPolicy.None, Qps = 0 };
}
