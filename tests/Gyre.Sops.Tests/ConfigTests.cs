using Gyre.Sops.Config;

namespace Gyre.Sops.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Flux_creation_rules_resolve_anchors_and_pick_the_first_match()
    {
        var config = SopsConfig.Parse(File.ReadAllText(Vectors.VectorPath("kustomize-controller/.sops.yaml")));

        var pgp = config.FindRule("algorithms/pgp.yaml")!;
        var age = config.FindRule("global/secret.yaml")!;
        var env = config.FindRule("envs/env.env")!;
        var fallback = config.FindRule("files/other.bin")!;

        Assert.Equal("^(data|stringData)$", pgp.EncryptedRegex);
        Assert.Equal([SopsKeySpec.Pgp("35C1A64CD7FC0AB6EB66756B2445463C3234ECE1")], pgp.KeyGroups[0]);
        Assert.Equal("^(data|stringData)$", age.EncryptedRegex);
        Assert.Equal([SopsKeySpec.Age("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29")], age.KeyGroups[0]);
        Assert.Null(env.EncryptedRegex);
        Assert.Equal(2, fallback.KeyGroups.Count);
        Assert.Equal(2, config.YamlIndent);
    }

    [Fact]
    public void Sops_functional_test_rules_read_key_groups_and_comma_lists()
    {
        var config = SopsConfig.Parse(File.ReadAllText(Vectors.VectorPath("getsops-sops/functional-tests/.sops.yaml")));

        Assert.Equal(2, config.FindRule("test_roundtrip_keygroups.yaml")!.KeyGroups.Count);
        Assert.Single(config.FindRule("anything.yaml")!.KeyGroups);
    }
}
