using Gyre.Kustomize.FileSystem;

namespace Gyre.Kustomize.Tests;

/// <summary>
/// The differential harness: every testdata case is built by Gyre and compared byte for byte with what
/// `kubectl kustomize` printed (expected.yaml), or must fail where kubectl failed (expected.error).
/// </summary>
public sealed class GoldenTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public void Builds_exactly_what_kubectl_kustomize_prints(string name)
    {
        var caseDir = Path.Combine(TestData.Root, name);
        var buildPath = File.Exists(Path.Combine(caseDir, "build-path")) ? File.ReadAllText(Path.Combine(caseDir, "build-path")).Trim() : ".";
        var directory = Path.GetFullPath(Path.Combine(caseDir, buildPath));
        var expectedYaml = Path.Combine(caseDir, "expected.yaml");
        var kustomizer = new Kustomizer(new DiskFileSystem());
        if (File.Exists(expectedYaml))
        {
            var result = kustomizer.Build(directory, CancellationToken.None);
            Assert.Equal(File.ReadAllText(expectedYaml), result.Yaml);
            return;
        }

        var expectedError = File.ReadAllText(Path.Combine(caseDir, "expected.error"));
        var error = Assert.Throws<KustomizeException>(() => kustomizer.Build(directory, CancellationToken.None));
        var culpritFile = Path.Combine(caseDir, "culprit");
        var culprits = File.Exists(culpritFile) ? File.ReadAllLines(culpritFile).Where(l => l.Length > 0) : [];
        foreach (var culprit in culprits)
        {
            Assert.Contains(culprit, error.Message, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrWhiteSpace(expectedError));
    }

    public static IEnumerable<object[]> Cases() => TestData.Cases();
}
