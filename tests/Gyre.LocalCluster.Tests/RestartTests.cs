using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task A_restart_on_the_same_data_directory_keeps_objects_and_resource_versions_keep_increasing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gyre-lc-restart-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            long before;
            await using (var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir }, CancellationToken.None))
            {
                var kubectl = new Kubectl(server.KubeconfigPath, Path.Combine(dir, "home"));
                (await kubectl.RunAsync("create", "configmap", "kept", "--from-literal=a=1")).Ok();
                var obj = JsonNode.Parse((await kubectl.RunAsync("get", "cm", "kept", "-o", "json")).Ok().Output)!;
                before = long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>());
            }

            await using (var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir }, CancellationToken.None))
            {
                var kubectl = new Kubectl(server.KubeconfigPath, Path.Combine(dir, "home2"));
                var obj = JsonNode.Parse((await kubectl.RunAsync("get", "cm", "kept", "-o", "json")).Ok().Output)!;
                Assert.Equal("1", obj["data"]!["a"]!.GetValue<string>());
                (await kubectl.RunAsync("create", "configmap", "after", "--from-literal=b=2")).Ok();
                var after = JsonNode.Parse((await kubectl.RunAsync("get", "cm", "after", "-o", "json")).Ok().Output)!;
                Assert.True(long.Parse(after["metadata"]!["resourceVersion"]!.GetValue<string>()) > before);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
