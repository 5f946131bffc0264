using Gyre.Kustomize.FileSystem;

namespace Gyre.Kustomize.Tests;

/// <summary>The engine's entry point as the Kustomization controller uses it: an in-memory tree and build options.</summary>
public sealed class KustomizerOptionsTests
{
    private static InMemoryFileSystem Tree()
    {
        var fs = new InMemoryFileSystem();
        fs.AddFile("/repo/shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  a: b\n");
        fs.AddFile("/repo/app/kustomization.yaml", "namespace: team\nresources:\n- ../shared/cm.yaml\n");
        return fs;
    }

    [Fact]
    public void Builds_from_an_in_memory_file_system()
    {
        var fs = new InMemoryFileSystem();
        fs.AddFile("/repo/app/kustomization.yaml", "namePrefix: x-\nresources:\n- cm.yaml\nconfigMapGenerator:\n- name: gen\n  literals:\n  - k=v\n");
        fs.AddFile("/repo/app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n");

        var result = new Kustomizer(fs).Build("/repo/app", CancellationToken.None);

        // kubectl kustomize prints the same for this tree on disk (the hash matches testdata/generator-hash-00's scheme).
        Assert.Equal(2, result.ResourceCount);
        Assert.StartsWith("apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: x-gen-", result.Yaml, StringComparison.Ordinal);
        Assert.EndsWith("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x-plain\n", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_outside_the_root_by_default_naming_file_and_field()
    {
        var error = Assert.Throws<KustomizeException>(() => new Kustomizer(Tree()).Build("/repo/app", CancellationToken.None));

        Assert.Equal("/repo/app/kustomization.yaml", error.File);
        Assert.Equal("resources", error.Field);
        Assert.Contains("'/repo/shared/cm.yaml' is not in or below '/repo/app'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_a_file_outside_the_root_when_the_restrictor_is_disabled()
    {
        var result = new Kustomizer(Tree(), new KustomizeOptions { DisableLoadRestrictor = true }).Build("/repo/app", CancellationToken.None);

        Assert.Equal("apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: team\n", result.Yaml);
    }

    [Fact]
    public void Remote_resources_are_refused_by_default_and_never_show_credentials()
    {
        var fs = new InMemoryFileSystem();
        fs.AddFile("/repo/kustomization.yaml", "resources:\n- https://user:token@example.com/org/repo//deploy?ref=v1\n");

        var error = Assert.Throws<KustomizeException>(() => new Kustomizer(fs, new KustomizeOptions()).Build("/repo", CancellationToken.None));
        Assert.Contains("remote resources are refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openapi:\n  path: schema.json\n", "schema.json", "- not a swagger document\n", "openapi")]
    [InlineData("crds:\n- schema.json\n", "schema.json", "- not a definition map\n", "crds")]
    public void A_malformed_schema_file_fails_naming_the_file_and_the_field(string field, string file, string content, string named)
    {
        var fs = new InMemoryFileSystem();
        fs.AddFile("/repo/kustomization.yaml", "resources:\n- cm.yaml\n" + field);
        fs.AddFile("/repo/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        fs.AddFile("/repo/" + file, content);

        var error = Assert.Throws<KustomizeException>(() => new Kustomizer(fs).Build("/repo", CancellationToken.None));

        Assert.Contains("/repo/" + file, error.Message, StringComparison.Ordinal);
        Assert.Equal(named, error.Field);
    }

    [Fact]
    public void A_cancelled_build_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new Kustomizer(Tree()).Build("/repo/app", cancelled.Token));
    }
}
