using System.Text.Json.Nodes;
using Gyre.Sources.Buckets;

namespace Gyre.Sources.Tests.Buckets;

/// <summary>Gyre's Shared Key signer against the Azure Storage Python SDK (testdata/azure-sharedkey.json, from regenerate-azure-sharedkey.sh).</summary>
public sealed class AzureSharedKeySignerTests
{
    private static readonly JsonArray Cases =
        (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Buckets", "testdata", "azure-sharedkey.json")))!["cases"]!;

    public static TheoryData<string> Names() => [.. Cases.Select(c => (string)c!["name"]!)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Signs_like_the_Azure_SDK(string name)
    {
        var c = Cases.Single(x => (string)x!["name"]! == name)!;

        var authorization = AzureSharedKeySigner.Authorization((string)c["account"]!, Convert.FromBase64String((string)c["accountKey"]!), (string)c["method"]!,
            SigV4Signer.EncodePath((string)c["path"]!), Pairs(c["query"]), Pairs(c["headers"]));

        Assert.Equal((string)c["expected"]!, authorization);
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonNode? node) =>
        [.. ((JsonArray)node!).Select(p => new KeyValuePair<string, string>((string)p![0]!, (string)p[1]!))];
}
