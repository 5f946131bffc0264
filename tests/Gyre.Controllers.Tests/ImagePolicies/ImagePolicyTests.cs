using Gyre.Controllers.Tests.ImageRepositories;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests.ImagePolicies;

/// <summary>ImagePolicies over ImageRepositories scanned from a real docker-registry.</summary>
[Collection(ControllersCollection.Name)]
public sealed class ImagePolicyTests(ControllersFixture rig, RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    private const string Kind = "ImagePolicy";

    private async Task<(string Ns, string Image)> ScannedAsync(string prefix, params string[] tags)
    {
        var ns = await rig.NamespaceAsync(prefix);
        foreach (var tag in tags)
        {
            await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, tag);
        }

        var image = $"{registries.Anonymous.Host}/app/{ns}";
        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", image));
        await rig.WaitForImageAsync("ImageRepository", ns, "app", "True", "Succeeded");
        return (ns, image);
    }

    [Fact]
    public async Task Semver_selects_the_latest_tag_with_its_digest_and_a_new_scan_updates_it_at_once()
    {
        var (ns, image) = await ScannedAsync("imgpol", "1.0.0", "1.1.0", "2.0.0-rc.1", "latest");
        var digest = await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "1.2.0");
        await rig.RequestReconcileAsync("imagerepository", ns, "app");
        await rig.WaitForImageAsync("ImageRepository", ns, "app", "True", "Succeeded", "found 5 tags");
        await rig.ApplyAsync(ImageObjects.Policy(ns, "app", "app", "semver:\n      range: \">=1.0.0\"", "  digestReflectionPolicy: IfNotPresent"));

        var ready = await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", $"Latest image tag for '{image}' resolved to 1.2.0");
        Assert.Equal($$"""{"name":"{{image}}","tag":"1.2.0","digest":"{{digest}}"}""", ready.Json["status"]!["latestRef"]!.ToJsonString());
        Assert.Null(ready.Json["status"]!["observedPreviousRef"]);

        var next = await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "1.3.0");
        await rig.RequestReconcileAsync("imagerepository", ns, "app");

        var updated = await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", $"Latest image tag for '{image}' updated from 1.2.0 to 1.3.0");
        Assert.Equal($$"""{"name":"{{image}}","tag":"1.3.0","digest":"{{next}}"}""", updated.Json["status"]!["latestRef"]!.ToJsonString());
        Assert.Equal("1.2.0", (string?)updated.Json["status"]!["observedPreviousRef"]!["tag"]);
        await rig.Until(async () => (await rig.EventsAsync(ns, "app")).Any(e => e.Message == $"Latest image tag for '{image}' updated from 1.2.0 to 1.3.0"),
            "update event");
        Assert.Single(await rig.EventsAsync(ns, "app"), e => e.Message.StartsWith("Latest image tag", StringComparison.Ordinal) && e.Message.Contains("to 1.3.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filter_tags_extract_a_timestamp_for_a_numerical_policy_without_a_digest()
    {
        var (ns, image) = await ScannedAsync("imgpol-ts", "main-aaa111-1700000100", "main-bbb222-1700000900", "dev-ccc333-1800000000", "latest");
        await rig.ApplyAsync(ImageObjects.Policy(ns, "app", "app", "numerical:\n      order: asc",
            "  filterTags:\n    pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)'\n    extract: '$ts'"));

        var ready = await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", "resolved to main-bbb222-1700000900");

        Assert.Equal($$"""{"name":"{{image}}","tag":"main-bbb222-1700000900"}""", ready.Json["status"]!["latestRef"]!.ToJsonString());
    }

    [Fact]
    public async Task Invalid_rules_stall_naming_the_field_and_no_matching_tag_is_not_ready()
    {
        var (ns, image) = await ScannedAsync("imgpol-bad", "1.0.0");
        await rig.ApplyAsync(ImageObjects.Policy(ns, "range", "app", "semver:\n      range: \">= 1.0 <\""));
        await rig.ApplyAsync(ImageObjects.Policy(ns, "pattern", "app", "alphabetical: {}", "  filterTags:\n    pattern: '(?P<ts'"));
        await rig.ApplyAsync(ImageObjects.Policy(ns, "none", "app", "semver:\n      range: \">=5.0.0\""));

        await rig.WaitForImageAsync(Kind, ns, "range", "False", "InvalidPolicy", "spec.policy.semver.range");
        await rig.WaitForImageAsync(Kind, ns, "pattern", "False", "InvalidPolicy", "spec.filterTags.pattern");
        var none = await rig.WaitForImageAsync(Kind, ns, "none", "False", "ReadOperationFailed", $"no latest tag for '{image}': no tag of 1 matches semver range '>=5.0.0'");

        Assert.Equal("True", (string?)(await rig.ImageConditionAsync(Kind, ns, "range", "Stalled"))!["status"]);
        Assert.Null(none.Json["status"]!["latestRef"]);
    }

    [Theory]
    [InlineData("  digestReflectionPolicy: Always", "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'")]
    [InlineData("  digestReflectionPolicy: IfNotPresent\n  interval: 5m", "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'")]
    [InlineData("  interval: 5m", "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'")]
    public async Task The_API_refuses_an_interval_without_Always_and_Always_without_an_interval(string extra, string message)
    {
        var ns = await rig.NamespaceAsync("imgpol-cel");
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("policy.yaml"), ImageObjects.Policy(ns, "app", "app", "alphabetical: {}", extra));

        var error = await rig.Kubectl.RunAsyncWithErrorAsync(["apply", "-f", dir.Combine("policy.yaml")]);

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_waits_for_its_repository_and_is_resolved_when_the_first_scan_lands()
    {
        var ns = await rig.NamespaceAsync("imgpol-wait");
        await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "v1");
        await rig.ApplyAsync(ImageObjects.Policy(ns, "app", "app", "alphabetical:\n      order: asc"));
        await rig.WaitForImageAsync(Kind, ns, "app", "False", "DependencyNotReady", "does not exist");

        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", $"{registries.Anonymous.Host}/app/{ns}"));

        await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", "resolved to v1");
    }

    [Fact]
    public async Task A_repository_in_another_namespace_is_read_only_when_its_access_from_selects_the_policy_namespace()
    {
        var (repositoryNs, _) = await ScannedAsync("imgpol-acl", "v1");
        var denied = await rig.NamespaceAsync("imgpol-denied");
        var allowed = await rig.NamespaceAsync("imgpol-allowed");
        await rig.Kubectl.RunAsync(null, "label", "namespace", allowed, "team=apps");
        var reference = $"  imageRepositoryRef:\n    name: app\n    namespace: {repositoryNs}";
        await rig.ApplyAsync(ImageObjects.Policy(denied, "app", "app", "alphabetical: {}").Replace("  imageRepositoryRef:\n    name: app", reference, StringComparison.Ordinal));
        await rig.WaitForImageAsync(Kind, denied, "app", "False", "AccessDenied", "can't be accessed due to missing ACL labels on 'accessFrom'");

        await rig.Kubectl.RunAsync(null, "patch", "imagerepository", "app", "-n", repositoryNs, "--type=merge", "-p",
            """{"spec":{"accessFrom":{"namespaceSelectors":[{"matchLabels":{"team":"apps"}}]}}}""");
        await rig.ApplyAsync(ImageObjects.Policy(allowed, "app", "app", "alphabetical: {}").Replace("  imageRepositoryRef:\n    name: app", reference, StringComparison.Ordinal));

        await rig.WaitForImageAsync(Kind, allowed, "app", "True", "Succeeded", "resolved to v1");
        await rig.WaitForImageAsync(Kind, denied, "app", "False", "AccessDenied", $"ACL labels mismatch on namespace '{denied}'");
    }

    [Fact]
    public async Task Digest_reflection_Always_follows_a_tag_moved_to_new_content_at_each_interval()
    {
        var (ns, image) = await ScannedAsync("imgpol-always", "1.0.0");
        var first = await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "1.0.0", content: "first");
        await rig.ApplyAsync(ImageObjects.Policy(ns, "app", "app", "semver:\n      range: \">=1.0.0\"", "  digestReflectionPolicy: Always\n  interval: 1s"));
        await rig.Until(async () => (string?)(await rig.ImageAsync(Kind, ns, "app"))?.Json["status"]?["latestRef"]?["digest"] == first, "the first digest");

        var moved = await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "1.0.0", content: "second");

        await rig.Until(async () => (string?)(await rig.ImageAsync(Kind, ns, "app"))?.Json["status"]?["latestRef"]?["digest"] == moved, "the moved digest");
        var status = (await rig.ImageAsync(Kind, ns, "app"))!.Json["status"]!;
        Assert.Equal(first, (string?)status["observedPreviousRef"]!["digest"]);
        Assert.Equal($"Latest image tag for '{image}' resolved to 1.0.0", (string?)status["conditions"]![0]!["message"]);
    }
}
