using System.Net;
using System.Net.Sockets;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>
/// `gyre kustomize build --allow-remote` against goldens from `kubectl kustomize` (testdata/kustomize-remote, see its
/// regenerate.sh): each case's repo/ becomes a local git repository reached over file://, http/ is served on 127.0.0.1.
/// </summary>
public sealed class KustomizeRemoteTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata", "kustomize-remote");

    public static IEnumerable<object[]> Cases() =>
        Directory.GetDirectories(Root).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(c => (string)c[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Builds_remote_resources_exactly_as_kubectl_kustomize(string name)
    {
        var caseDir = Path.Combine(Root, name);
        using var tmp = new TempDirectory();
        CreateRepository(caseDir, Path.Combine(tmp.Path, "repo.git"));
        await using var http = Directory.Exists(Path.Combine(caseDir, "http")) ? await ServeAsync(Path.Combine(caseDir, "http")) : null;
        var httpBase = http?.BaseUrl ?? "http://127.0.0.1:0";
        var overlay = Path.Combine(tmp.Path, "overlay");
        Directory.CreateDirectory(overlay);
        foreach (var file in Directory.GetFiles(Path.Combine(caseDir, "overlay")))
        {
            var text = File.ReadAllText(file).Replace("{{REPO}}", Path.Combine(tmp.Path, "repo"), StringComparison.Ordinal)
                .Replace("{{HTTP}}", httpBase, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(overlay, Path.GetFileName(file)), text);
        }

        var (code, output, error) = await CliRunner.RunAsync("kustomize", "build", "--allow-remote", overlay);

        var expectedYaml = Path.Combine(caseDir, "expected.yaml");
        if (File.Exists(expectedYaml))
        {
            Assert.True(code == 0, error);
            var normalized = output.Replace(Path.Combine(tmp.Path, "repo"), "{{REPO}}", StringComparison.Ordinal).Replace(httpBase, "{{HTTP}}", StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(expectedYaml), normalized);
            return;
        }

        Assert.True(File.Exists(Path.Combine(caseDir, "expected.error")), "kubectl failed on this case: expected.error holds what it printed");
        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(Path.Combine(overlay, "kustomization.yaml"), error, StringComparison.Ordinal);
        foreach (var culprit in File.ReadAllLines(Path.Combine(caseDir, "culprit")).Where(l => l.Length > 0))
        {
            Assert.Contains(culprit, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_resources_are_refused_without_the_flag_and_the_password_is_never_shown()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(Path.Combine(tmp.Path, "kustomization.yaml"), "resources:\n- https://user:s3cret@example.invalid/org/repo//deploy?ref=v1\n");

        var (code, output, error) = await CliRunner.RunAsync("kustomize", "build", tmp.Path);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_clone_never_shows_the_password_of_the_url()
    {
        using var tmp = new TempDirectory();
        var port = FreePort();
        File.WriteAllText(Path.Combine(tmp.Path, "kustomization.yaml"), $"resources:\n- http://user:s3cret@127.0.0.1:{port}/org/repo.git//deploy?ref=v1&timeout=20\n");

        var (code, _, error) = await CliRunner.RunAsync("kustomize", "build", "--allow-remote", tmp.Path);

        Assert.Equal(1, code);
        Assert.Contains("repo.git", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    private static async Task<StaticHttpServer> ServeAsync(string directory)
    {
        var server = await StaticHttpServer.StartAsync();
        foreach (var file in Directory.GetFiles(directory))
        {
            server.Files[Path.GetFileName(file)] = File.ReadAllBytes(file);
        }

        return server;
    }

    private static void CreateRepository(string caseDir, string path)
    {
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "gyre", ["GIT_AUTHOR_EMAIL"] = "gyre@example.com", ["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z",
            ["GIT_COMMITTER_NAME"] = "gyre", ["GIT_COMMITTER_EMAIL"] = "gyre@example.com", ["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z",
        };
        Directory.CreateDirectory(path);
        Shell.Run(path, "git", "init", "-q", "-b", "main");
        Copy(Path.Combine(caseDir, "repo"), path);
        Shell.Run(path, "git", "add", "-A");
        Shell.Run(path, environment, "git", "commit", "-q", "-m", "v1");
        Shell.Run(path, "git", "tag", "v1");
        if (Directory.Exists(Path.Combine(caseDir, "repo-next")))
        {
            Copy(Path.Combine(caseDir, "repo-next"), path);
            Shell.Run(path, "git", "add", "-A");
            Shell.Run(path, environment, "git", "commit", "-q", "-m", "v2");
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Written, not copied: a copy keeps the mtime and size, and git's index would miss the change.
            File.WriteAllBytes(target, File.ReadAllBytes(file));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
