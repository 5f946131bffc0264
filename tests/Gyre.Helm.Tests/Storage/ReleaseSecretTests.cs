using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Helm.Storage;

namespace Gyre.Helm.Tests.Storage;

public sealed class ReleaseSecretTests
{
    private static readonly DateTimeOffset Created = new(2024, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_a_release_secret_written_by_helm()
    {
        var release = ReleaseSecret.FromSecret(HelmWrittenSecret());

        Assert.Equal("web", release.Name);
        Assert.Equal("apps", release.Namespace);
        Assert.Equal(2, release.Version);
        Assert.Equal(ReleaseStatus.Deployed, release.Info.Status);
        Assert.Equal("Upgrade complete", release.Info.Description);
        Assert.Equal("Visit http://web.example\n", release.Info.Notes);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 9, 15, 30, TimeSpan.Zero).AddTicks(1234567), release.Info.FirstDeployed);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 8, 0, 0, 500, TimeSpan.Zero), release.Info.LastDeployed);
        Assert.Null(release.Info.Deleted);
        Assert.Equal("podinfo", release.Chart.Name);
        Assert.Equal("6.5.4", release.Chart.Version);
        Assert.Equal("6.5.4", release.Chart.AppVersion);
        Assert.Equal("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n", Encoding.UTF8.GetString(release.Chart.Templates.Single().Data));
        Assert.Equal("# podinfo\n", Encoding.UTF8.GetString(release.Chart.Files.Single().Data));
        Assert.Equal(1, (int)release.Chart.Values["replicaCount"]!);
        Assert.Equal(2, (int)release.Config["replicaCount"]!);
        Assert.Equal("hello", (string?)release.Config["ui"]!["message"]);
        Assert.Contains("# Source: podinfo/templates/service.yaml", release.Manifest, StringComparison.Ordinal);
        var hook = Assert.Single(release.Hooks);
        Assert.Equal(("web-test", "Pod", -5, HookExecution.Succeeded), (hook.Name, hook.Kind, hook.Weight, hook.LastRun.Phase));
        Assert.Equal(["test"], hook.Events);
        Assert.Equal(["before-hook-creation", "hook-succeeded"], hook.DeletePolicies);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, release.Labels);
    }

    [Fact]
    public void Writes_the_secret_name_type_and_labels_helm_lists_by()
    {
        var release = Sample() with { Labels = new Dictionary<string, string> { ["team"] = "payments", ["owner"] = "me" } };

        var secret = ReleaseSecret.ToSecret(release, Created);

        Assert.Equal("sh.helm.release.v1.web.v3", (string?)secret["metadata"]!["name"]);
        Assert.Equal("apps", (string?)secret["metadata"]!["namespace"]);
        Assert.Equal("helm.sh/release.v1", (string?)secret["type"]);
        var labels = secret["metadata"]!["labels"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["createdAt"] = "1709366400", ["name"] = "web", ["owner"] = "helm", ["status"] = "deployed", ["version"] = "3", ["team"] = "payments",
        }, labels);
    }

    [Fact]
    public void Stores_base64_of_gzipped_json_inside_the_secret_data()
    {
        var secret = ReleaseSecret.ToSecret(Sample(), Created);

        var inner = Convert.FromBase64String(Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["release"]!)));
        Assert.Equal([0x1f, 0x8b, 0x08], inner[..3]);
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(inner), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var json = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal("web", (string?)json["name"]);
        Assert.Equal(3, (int)json["version"]!);
        Assert.Equal("deployed", (string?)json["info"]!["status"]);
    }

    [Fact]
    public void A_written_release_reads_back_unchanged()
    {
        var release = Sample();

        var read = ReleaseSecret.FromSecret(ReleaseSecret.ToSecret(release, Created));

        Assert.Equal(ReleaseJson.Serialize(release), ReleaseJson.Serialize(read));
        Assert.Equal(release.Info, read.Info);
    }

    [Fact]
    public void Serializes_fields_in_helms_struct_order_with_its_omitempty_rules()
    {
        var release = new Release
        {
            Name = "web",
            Namespace = "apps",
            Version = 1,
            Info = new ReleaseInfo { FirstDeployed = Created, LastDeployed = Created.AddTicks(1_500_000), Status = ReleaseStatus.PendingInstall, Description = "Initial install underway" },
            Chart = new ReleaseChart { Metadata = new JsonObject { ["version"] = "1.0.0", ["name"] = "app", ["apiVersion"] = "v2", ["deprecated"] = false } },
            Config = new JsonObject { ["b"] = 1, ["a"] = "<x>" },
        };

        Assert.Equal(
            "{\"name\":\"web\",\"info\":{\"first_deployed\":\"2024-03-02T08:00:00Z\",\"last_deployed\":\"2024-03-02T08:00:00.15Z\",\"deleted\":\"\","
            + "\"description\":\"Initial install underway\",\"status\":\"pending-install\"},"
            + "\"chart\":{\"metadata\":{\"name\":\"app\",\"version\":\"1.0.0\",\"apiVersion\":\"v2\"},\"lock\":null,\"templates\":[],\"values\":{},\"schema\":null,\"files\":[]},"
            + "\"config\":{\"a\":\"\\u003cx\\u003e\",\"b\":1},\"version\":1,\"namespace\":\"apps\"}",
            ReleaseJson.Serialize(release));
    }

    [Fact]
    public void The_apply_method_is_written_last_as_apply_method_and_read_back_only_when_set()
    {
        var release = Sample() with { ApplyMethod = "csa" };

        var json = ReleaseJson.Serialize(release);

        Assert.EndsWith(",\"namespace\":\"apps\",\"apply_method\":\"csa\"}", json, StringComparison.Ordinal);
        Assert.Equal("csa", ReleaseSecret.FromSecret(ReleaseSecret.ToSecret(release, Created)).ApplyMethod);
        Assert.DoesNotContain("apply_method", ReleaseJson.Serialize(Sample()), StringComparison.Ordinal);
        Assert.Null(ReleaseSecret.FromSecret(ReleaseSecret.ToSecret(Sample(), Created)).ApplyMethod);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    public void A_secret_without_a_readable_release_names_the_secret(string data)
    {
        var secret = HelmWrittenSecret();
        secret["data"]!["release"] = data;

        var ex = Assert.Throws<ReleaseStorageException>(() => ReleaseSecret.FromSecret(secret));

        Assert.Equal("sh.helm.release.v1.web.v2", ex.Key);
        Assert.StartsWith("release sh.helm.release.v1.web.v2: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_release_stored_without_gzip_as_helm_does()
    {
        var json = ReleaseJson.Serialize(Sample());

        var release = ReleaseCodec.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), "k");

        Assert.Equal(3, release.Version);
    }

    internal static Release Sample() => new()
    {
        Name = "web",
        Namespace = "apps",
        Version = 3,
        Info = new ReleaseInfo { FirstDeployed = Created, LastDeployed = Created.AddMinutes(5), Status = ReleaseStatus.Deployed, Description = "Upgrade complete", Notes = "hi" },
        Chart = new ReleaseChart
        {
            Metadata = new JsonObject { ["apiVersion"] = "v2", ["name"] = "podinfo", ["version"] = "6.5.4", ["appVersion"] = "6.5.4" },
            Templates = [new ReleaseFile("templates/cm.yaml", Encoding.UTF8.GetBytes("kind: ConfigMap\n"))],
            Values = new JsonObject { ["replicaCount"] = 1 },
            Schema = Encoding.UTF8.GetBytes("{}"),
        },
        Config = new JsonObject { ["replicaCount"] = 2 },
        Manifest = "---\n# Source: podinfo/templates/cm.yaml\nkind: ConfigMap\n",
        Hooks = [new ReleaseHook { Name = "t", Kind = "Pod", Path = "podinfo/templates/t.yaml", Manifest = "kind: Pod\n", Events = ["test"], Weight = 1 }],
    };

    private static JsonObject HelmWrittenSecret([CallerFilePath] string here = "") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "testdata", "helm-release-secret.json")))!.AsObject();
}
