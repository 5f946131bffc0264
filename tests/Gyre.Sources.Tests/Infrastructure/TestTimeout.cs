namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>A token that fires when a test has clearly hung.</summary>
public static class TestTimeout
{
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
