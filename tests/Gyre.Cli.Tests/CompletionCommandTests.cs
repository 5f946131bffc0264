namespace Gyre.Cli.Tests;

/// <summary>`gyre completion`: scripts that ask gyre's [suggest] directive, which completes commands and subcommands.</summary>
public sealed class CompletionCommandTests
{
    [Theory]
    [InlineData("bash", "complete -o default -F _gyre_complete gyre")]
    [InlineData("zsh", "compdef _gyre gyre")]
    [InlineData("fish", "complete -c gyre -f -a")]
    public async Task Prints_a_script_for_each_shell(string shell, string registration)
    {
        var (code, output, _) = await CliRunner.RunAsync("completion", shell);

        Assert.Equal(0, code);
        Assert.Contains(registration, output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggest_directive_the_scripts_call_completes_subcommands()
    {
        var (code, output, _) = await CliRunner.RunAsync("[suggest:12]", "gyre get sou");

        Assert.Equal(0, code);
        Assert.Equal("sources", output.Trim());
    }
}
