using System.Text;
using Gyre.Sops.Stores;

namespace Gyre.Sops.Tests;

/// <summary>Differential tests of the YAML store against the Go oracle (real go-yaml v3 driven as sops drives it).</summary>
public sealed class YamlEmitterTests
{
    public static TheoryData<string> Cases() =>
    [
        .. Directory.EnumerateFiles(Path.Combine(Vectors.Root, "emitter"), "*.input.yaml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plaintext_round_trips_through_the_yaml_store_as_sops_prints_it(string input)
    {
        var path = Path.Combine(Vectors.Root, "emitter", input);
        var expected = File.ReadAllText(path.Replace(".input.yaml", ".expected.yaml", StringComparison.Ordinal));
        var store = new YamlStore(4);

        var actual = Encoding.UTF8.GetString(store.EmitPlain(store.LoadPlain(File.ReadAllBytes(path))));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Json_values_print_as_go_encoding_json_and_json_indent_do()
    {
        var path = Path.Combine(Vectors.Root, "emitter", "values.input.json");
        var store = new JsonStore();

        var actual = Encoding.UTF8.GetString(store.EmitPlain(store.LoadPlain(File.ReadAllBytes(path))));

        Assert.Equal(File.ReadAllText(Path.Combine(Vectors.Root, "emitter", "values.expected.json")), actual);
    }
}
