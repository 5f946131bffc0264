using System.Text;
using System.Text.Json.Nodes;
using Gyre.Manifests.Yaml;

namespace Gyre.Manifests.Tests;

/// <summary>Cases the kubectl goldens cannot carry; each expectation is what kubectl printed for the same value.</summary>
public sealed class YamlWriterTests
{
    [Fact]
    public void Prints_an_unpaired_surrogate_as_the_replacement_character_as_go_decodes_it()
    {
        // kubectl label --local -f '{"data":{"a":"x\ud800y"}}' -o yaml prints "a: x\uFFFDy".
        var node = new JsonObject { ["a"] = "x\ud800y" };
        Assert.Equal("a: x\uFFFDy\n", YamlWriter.Write(node));
    }

    [Fact]
    public void Appends_documents_to_a_builder_with_the_emitter_events()
    {
        var output = new StringBuilder();
        var emitter = new YamlEmitter(output);
        emitter.BeginMapping();
        emitter.Key("list");
        emitter.BeginSequence();
        emitter.Item();
        emitter.String("yes");
        emitter.Item();
        emitter.Plain("1");
        emitter.Item();
        emitter.EmptyMapping();
        emitter.EndSequence();
        emitter.Key("text");
        emitter.String("a\nb");
        emitter.EndMapping();
        emitter.EndDocument();
        Assert.Equal("list:\n- \"yes\"\n- 1\n- {}\ntext: |-\n  a\n  b\n", output.ToString());
    }
}
