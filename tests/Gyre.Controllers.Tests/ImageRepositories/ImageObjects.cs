using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;
using Gyre.Manifests;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.Tests.ImageRepositories;

/// <summary>ImageRepository and ImagePolicy objects for the image-reflector tests, and images pushed to a test registry.</summary>
public static class ImageObjects
{
    public const string ApiVersion = "image.toolkit.fluxcd.io/v1";

    public static string Repository(string ns, string name, string image, string extra = "") => $"""
        apiVersion: {ApiVersion}
        kind: ImageRepository
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          image: {image}
          interval: 10m
          insecure: true
        {extra}
        """;

    public static string Policy(string ns, string name, string repository, string policy, string extra = "") => $"""
        apiVersion: {ApiVersion}
        kind: ImagePolicy
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          imageRepositoryRef:
            name: {repository}
          policy:
            {policy}
        {extra}
        """;

    /// <summary>Pushes a small artifact under <paramref name="tag"/> and returns its manifest digest.</summary>
    public static async Task<string> PushAsync(RegistryServer registry, string repository, string tag, RegistryCredentials? credentials = null, string? content = null, string? caPem = null)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("tag.txt"), content ?? tag);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await OciArtifactPusher.PushAsync(OciReference.Parse($"oci://{registry.Host}/{repository}:{tag}", true), dir.Path,
            "https://example.com/app", "main@sha1:" + new string('a', 40), DateTimeOffset.UnixEpoch,
            new OciClientOptions { Insecure = caPem is null, Credentials = credentials, CaCertificate = caPem is null ? null : System.Text.Encoding.UTF8.GetBytes(caPem) },
            timeout.Token);
    }

    public static Task<KubeObject?> ImageAsync(this ControllersFixture rig, string kind, string ns, string name) => rig.GetAsync(ApiVersion, kind, ns, name);

    public static async Task<JsonObject?> ImageConditionAsync(this ControllersFixture rig, string kind, string ns, string name, string type = "Ready") =>
        ((await rig.ImageAsync(kind, ns, name))?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    /// <summary>Waits until Ready has the status and reason (and, when given, a message containing the text).</summary>
    public static async Task<KubeObject> WaitForImageAsync(
        this ControllersFixture rig, string kind, string ns, string name, string status, string reason, string? message = null, int seconds = 30)
    {
        KubeObject? found = null;
        await rig.Until(async () =>
        {
            found = await rig.ImageAsync(kind, ns, name);
            var ready = (found?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
            return ready is not null && (string?)ready["status"] == status && (string?)ready["reason"] == reason
                && (message is null || ((string?)ready["message"])!.Contains(message, StringComparison.Ordinal));
        }, $"{kind} {ns}/{name} Ready={status} {reason} {message}", seconds);
        return found!;
    }
}
