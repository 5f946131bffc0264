namespace Gyre.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_prints_the_cli_version()
    {
        var (code, output, _) = await CliRunner.RunAsync("version");
        Assert.Equal(0, code);
        Assert.StartsWith("gyre 0.1.0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_fails_with_a_usage_error_and_no_stack_trace()
    {
        var (code, _, error) = await CliRunner.RunAsync("no-such-command");
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
