using Gyre.Api.Meta;

namespace Gyre.Api.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250ms", 250)]
    public void Parses_Go_durations(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(milliseconds, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("-1s")]
    [InlineData("1m 30s")]
    public void Rejects_what_Fluxs_CRD_pattern_rejects(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    public void Formats_like_Gos_Duration_String(long milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
