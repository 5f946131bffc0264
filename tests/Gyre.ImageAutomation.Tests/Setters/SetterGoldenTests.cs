using System.Text;
using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation.Tests.Setters;

/// <summary>
/// testdata/setters/&lt;case&gt;/in is copied to a temporary checkout, the Setters strategy runs with <see cref="Policies"/>,
/// and every file must then equal out/ byte for byte; changes.txt lists the reported changes (file, object, old -> new,
/// setter). The expectations are written by hand from Flux's image update guide (marker forms and what each writes).
/// </summary>
public sealed class SetterGoldenTests
{
    internal static readonly LatestImage[] Policies =
    [
        new("default", "app", "ghcr.io/acme/app", "1.2.4"),
        new("default", "web", "docker.io/library/nginx", "1.27.1", "sha256:" + new string('a', 64)),
        new("other", "tool", "registry.example.com/tools/tool", "2.10"),
    ];

    public static TheoryData<string> Cases() => new(Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "testdata", "setters"))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Setters_rewrite_only_the_marked_scalars(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "testdata", "setters", name);
        using var checkout = new TempTree();
        TempTree.Copy(Path.Combine(source, "in"), checkout.Path);
        var git = Path.Combine(checkout.Path, ".git");
        Directory.CreateDirectory(git);
        await File.WriteAllTextAsync(Path.Combine(git, "config.yaml"), "image: a:1 # {\"$imagepolicy\": \"default:app\"}\n", CancellationToken.None);

        var result = await SetterUpdate.ApplyAsync(checkout.Path, null, Policies, CancellationToken.None);

        var expectedDir = Path.Combine(source, "out");
        var expectedFiles = Directory.GetFiles(expectedDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expectedDir, f)).Order(StringComparer.Ordinal).ToList();
        var actualFiles = Directory.GetFiles(checkout.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(checkout.Path, f))
            .Where(f => !f.StartsWith(".git", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFiles, actualFiles);
        foreach (var file in expectedFiles)
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(expectedDir, file), CancellationToken.None);
            var actual = await File.ReadAllBytesAsync(Path.Combine(checkout.Path, file), CancellationToken.None);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}/{file} differs:\n{Encoding.UTF8.GetString(actual)}");
        }

        Assert.Equal("image: a:1 # {\"$imagepolicy\": \"default:app\"}\n", await File.ReadAllTextAsync(Path.Combine(git, "config.yaml"), CancellationToken.None));
        var changes = new StringBuilder();
        foreach (var (file, objects) in result.FileChanges)
        {
            foreach (var (id, list) in objects)
            {
                foreach (var change in list)
                {
                    var kind = id.ApiVersion.Length == 0 ? "" : id.ApiVersion + "/" + id.Kind;
                    changes.Append($"{file} {kind} {id.Namespace}/{id.Name}: {change.OldValue} -> {change.NewValue} ({change.Setter})\n");
                }
            }
        }

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(source, "changes.txt"), CancellationToken.None), changes.ToString());
    }
}
