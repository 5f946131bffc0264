using Gyre.Manifests.Yaml;

namespace Gyre.Manifests.Tests;

/// <summary>go-yaml v2's key order (sorter.go), which both kubectl -o yaml and kubectl kustomize print in.</summary>
public sealed class YamlKeyOrderTests
{
    [Theory]
    [InlineData("b10", "b2", 1)]
    [InlineData("a", "B", 1)]
    [InlineData("a1b", "a01b", -1)]
    [InlineData("apiVersion", "kind", -1)]
    [InlineData("_x", "a", -1)]
    [InlineData("é", "z", 1)]
    public void Orders_keys_like_yaml_v2(string left, string right, int sign)
    {
        Assert.Equal(sign, Math.Sign(YamlKeyOrder.Instance.Compare(left, right)));
    }

    [Fact]
    public void Sorting_keeps_the_last_value_of_a_repeated_key()
    {
        var sorted = YamlKeyOrder.Sort(new KeyValuePair<string, int>[] { new("b", 1), new("a", 2), new("b", 3), new("a10", 4), new("a9", 5) });
        Assert.Equal(["a", "a9", "a10", "b"], sorted.Select(e => e.Key));
        Assert.Equal(3, sorted[^1].Value);
    }
}
