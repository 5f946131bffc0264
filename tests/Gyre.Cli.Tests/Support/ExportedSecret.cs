using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Cli.Tests.Support;

/// <summary>Reads the stringData of a Secret printed by `gyre create secret … --export`, keys sorted.</summary>
internal static class ExportedSecret
{
    public static SortedDictionary<string, string> StringData(string exported)
    {
        var obj = KubeObject.Parse(exported).Json;
        Assert.Equal("Secret", (string?)obj["kind"]);
        return new SortedDictionary<string, string>(((JsonObject)obj["stringData"]!).ToDictionary(p => p.Key, p => (string)p.Value!), StringComparer.Ordinal);
    }
}
