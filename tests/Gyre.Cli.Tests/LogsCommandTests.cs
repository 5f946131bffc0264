namespace Gyre.Cli.Tests;

/// <summary>`gyre logs` over a controller JSON log file.</summary>
public sealed class LogsCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("gyre-logs-").FullName, "controllers.log");

    public LogsCommandTests() => File.WriteAllLines(_file,
    [
        """{"ts":"2026-01-01T00:00:01Z","level":"information","logger":"Gyre.Controllers","msg":"Kustomization flux-system/apps applied revision main@sha1:1","Namespace":"flux-system","Name":"apps"}""",
        """{"ts":"2026-01-01T00:00:02Z","level":"warning","logger":"Gyre.Controllers","msg":"GitRepository flux-system/podinfo failed (GitOperationFailed): no route","Namespace":"flux-system","Name":"podinfo"}""",
        """{"ts":"2026-01-01T00:00:03Z","level":"error","logger":"Gyre.Runtime","msg":"Kustomization flux-system/apps stalled","Kind":"Kustomization","Request":"flux-system/apps"}""",
        "not json",
    ]);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Fact]
    public async Task Filters_by_kind_and_name_and_formats_one_line_per_entry()
    {
        var (code, output, error) = await CliRunner.RunAsync("logs", "--file", _file, "--kind", "Kustomization", "--name", "apps");

        Assert.True(code == 0, error);
        Assert.Equal(
            "2026-01-01T00:00:01Z information Gyre.Controllers: Kustomization flux-system/apps applied revision main@sha1:1\n" +
            "2026-01-01T00:00:03Z error Gyre.Runtime: Kustomization flux-system/apps stalled\n",
            output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_minimum_level_and_tail_keep_the_last_warnings_and_errors()
    {
        var (_, output, _) = await CliRunner.RunAsync("logs", "--file", _file, "--level", "warning", "--tail", "1");

        Assert.Equal("2026-01-01T00:00:03Z error Gyre.Runtime: Kustomization flux-system/apps stalled\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_missing_file_says_where_logs_come_from()
    {
        var (code, _, error) = await CliRunner.RunAsync("logs", "--file", _file + ".missing");

        Assert.Equal(1, code);
        Assert.Contains("file not found; pass the file `gyre controller --log-encoding json` writes to", error, StringComparison.Ordinal);
    }
}
