using System.Xml.Linq;

namespace Gyre.Architecture.Tests;

/// <summary>
/// Dependencies point one way (CONVENTIONS.md): Cli → Controllers → engines → Kube → Manifests; Helm → Templates → Manifests.
/// A rule that only lives in a document decays, so the project files are checked against this table.
/// </summary>
public sealed class ProjectReferenceRulesTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Gyre.Manifests"] = [],
        ["Gyre.Templates"] = ["Gyre.Manifests"],
        ["Gyre.Cel"] = [],
        ["Gyre.Notifications"] = ["Gyre.Manifests", "Gyre.Cel"],
        ["Gyre.Kube"] = ["Gyre.Manifests"],
        ["Gyre.LocalCluster"] = ["Gyre.Manifests", "Gyre.Cel"],
        ["Gyre.Kustomize"] = ["Gyre.Manifests"],
        ["Gyre.Sops"] = ["Gyre.Manifests"],
        ["Gyre.PostBuild"] = ["Gyre.Manifests"],
        ["Gyre.Sources"] = ["Gyre.Manifests", "Gyre.Kube"],
        ["Gyre.Helm"] = ["Gyre.Manifests", "Gyre.Kube", "Gyre.Templates"],
        ["Gyre.Images"] = ["Gyre.Sources"],
        ["Gyre.ImageAutomation"] = ["Gyre.Manifests", "Gyre.Sources", "Gyre.Templates"],
        ["Gyre.Apply"] = ["Gyre.Manifests", "Gyre.Kube", "Gyre.Cel"],
        ["Gyre.Runtime"] = ["Gyre.Manifests", "Gyre.Kube"],
        ["Gyre.Api"] = ["Gyre.Manifests"],
        ["Gyre.Controllers"] =
        [
            "Gyre.Manifests", "Gyre.Kube", "Gyre.Api", "Gyre.Runtime", "Gyre.Apply", "Gyre.Sources",
            "Gyre.Kustomize", "Gyre.Helm", "Gyre.Templates", "Gyre.Sops", "Gyre.PostBuild", "Gyre.Notifications",
            "Gyre.Cel", "Gyre.Images", "Gyre.ImageAutomation",
        ],
        ["Gyre.Cli"] = ["*"],
    };

    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Project_references_only_point_down_the_layers(string project)
    {
        Assert.True(Allowed.TryGetValue(project, out var allowed), $"{project} is not in the dependency table; add it with its allowed references");
        if (allowed.Contains("*"))
        {
            return;
        }

        var references = ReferencesOf(project);
        var wrong = references.Where(r => !allowed.Contains(r)).ToList();
        Assert.True(wrong.Count == 0, $"{project} must not reference {string.Join(", ", wrong)}");
    }

    [Fact]
    public void Engines_never_reference_controllers_or_the_cli()
    {
        foreach (var engine in new[] { "Gyre.Manifests", "Gyre.Kustomize", "Gyre.Templates", "Gyre.Sops", "Gyre.LocalCluster", "Gyre.PostBuild", "Gyre.Helm", "Gyre.Notifications", "Gyre.Cel", "Gyre.Images", "Gyre.ImageAutomation" })
        {
            if (Directory.Exists(Path.Combine(RepositoryRoot(), "src", engine)))
            {
                Assert.DoesNotContain(ReferencesOf(engine), r => r is "Gyre.Controllers" or "Gyre.Cli" or "Gyre.Runtime");
            }
        }
    }

    private static List<string> ReferencesOf(string project)
    {
        var file = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!))
            .ToList();
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gyre.slnx not found above " + AppContext.BaseDirectory);
    }
}
