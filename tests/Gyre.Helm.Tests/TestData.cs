using Gyre.Helm.Charts;

namespace Gyre.Helm.Tests;

internal static class TestData
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "testdata");

    public static string PathOf(string name) => Path.Combine(Dir, name);

    public static Chart Load(string name) => ChartLoader.LoadDirectory(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
