using Gyre.Kube.Transport;

namespace Gyre.Kube;

/// <summary>Tuning of a <see cref="KubeApiClient"/>.</summary>
public sealed record KubeClientOptions
{
    /// <summary>Sustained requests per second; zero or less disables the limiter. The default is 50 (Flux's --kube-api-qps).</summary>
    public double Qps { get; init; } = 50;

    /// <summary>Requests allowed in a burst above <see cref="Qps"/>. The default is 300 (Flux's --kube-api-burst).</summary>
    public int Burst { get; init; } = 300;

    /// <summary>Time allowed for one attempt of a non-watch request, until the response is read. The default is 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries on throttling, server and transport errors.</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = "gyre/0.1";
}
