namespace Gyre.Cli.Tests;

/// <summary>flux's --components and --components-extra decide which controllers the installed Deployment runs.</summary>
public sealed class InstallComponentsTests
{
    [Fact]
    public async Task Default_install_runs_flux_s_four_components_and_not_the_image_controllers()
    {
        var (code, output, error) = await CliRunner.RunAsync("install", "--export");

        Assert.True(code == 0, error);
        Assert.Contains("--controllers=source,kustomize,helm,notification\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Components_extra_adds_the_image_controllers()
    {
        var (code, output, error) = await CliRunner.RunAsync("install", "--export", "--components", "source-controller",
            "--components-extra", "image-reflector-controller,image-automation-controller");

        Assert.True(code == 0, error);
        Assert.Contains("--controllers=source,image-reflector,image-automation\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_components_and_extras_leave_the_controller_s_default_set()
    {
        var (code, output, error) = await CliRunner.RunAsync("install", "--export",
            "--components-extra", "image-reflector-controller,image-automation-controller");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("--controllers=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_extra_component_is_a_usage_error_naming_the_flag()
    {
        var (code, _, error) = await CliRunner.RunAsync("install", "--export", "--components-extra", "source-watcher");

        Assert.Equal(2, code);
        Assert.Contains("--components-extra: unknown component 'source-watcher'; choose from image-reflector-controller, image-automation-controller", error, StringComparison.Ordinal);
    }
}
