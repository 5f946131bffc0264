namespace Gyre.Kustomize.Tests;

/// <summary>Locates the golden cases in the source tree (they are not copied to the output directory).</summary>
internal static class TestData
{
    public static string Root { get; } = Find();

    public static IEnumerable<object[]> Cases() =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Gyre.Kustomize.Tests", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Gyre.Kustomize.Tests/testdata not found above " + AppContext.BaseDirectory);
    }
}
