using Gyre.Templates.Protocol;

namespace Gyre.Templates.Tests;

/// <summary>
/// Every case in testdata/cases is a request to the Go oracle (shared/oracles/gotemplate); testdata/expected holds the
/// oracle's response, produced by testdata/regenerate.sh. Gyre must answer byte for byte the same.
/// </summary>
public sealed class OracleCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "cases"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_like_the_go_oracle(string name)
    {
        var request = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "cases", name + ".json"));
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "expected", name + ".json")).TrimEnd('\n');

        var actual = RenderRequest.Handle(request, TimeProvider.System);

        Assert.Equal(expected, actual);
    }
}
