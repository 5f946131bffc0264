using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests;

/// <summary>
/// The CLI ships as a dotnet tool: `dotnet pack` of src/Gyre.Cli (the build this test run already made) produces a
/// package that `dotnet tool install --tool-path` installs from a local source, and the installed `gyre` runs.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Dotnet_pack_produces_a_tool_that_installs_and_runs_gyre_version()
    {
        var root = TestProcess.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var packages = Path.Combine(_dir, "nupkg");
        var pack = await TestProcess.RunAsync(root, "dotnet", Deadline, "pack", "src/Gyre.Cli", "-c", configuration, "--no-build", "-nologo", "-v", "quiet", "-o", packages);
        Assert.True(pack.Code == 0, pack.Output + pack.Error);
        Assert.Single(Directory.GetFiles(packages, "Gyre.Cli.*.nupkg"));

        // Only the local source: installing must not need the network.
        var config = Path.Combine(_dir, "nuget.config");
        await File.WriteAllTextAsync(config, $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
        var tools = Path.Combine(_dir, "tools");
        var install = await TestProcess.RunAsync(_dir, "dotnet", Deadline, "tool", "install", "--tool-path", tools, "--configfile", config, "Gyre.Cli");
        Assert.True(install.Code == 0, install.Output + install.Error);

        var version = await TestProcess.RunAsync(_dir, Path.Combine(tools, "gyre"), Deadline, "version");

        Assert.True(version.Code == 0, version.Error);
        Assert.Equal((await CliRunner.RunAsync("version")).Output.Trim(), version.Output.Trim());
    }
}
