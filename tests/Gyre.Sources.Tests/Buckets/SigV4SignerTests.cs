using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Sources.Buckets;

namespace Gyre.Sources.Tests.Buckets;

/// <summary>Gyre's SigV4 signer against botocore's S3SigV4Auth (testdata/sigv4.json, from regenerate-sigv4.sh).</summary>
public sealed class SigV4SignerTests
{
    private static readonly JsonArray Cases = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Buckets", "testdata", "sigv4.json")))!["cases"]!;

    public static TheoryData<string> Names() => [.. Cases.Select(c => (string)c!["name"]!)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Signs_like_botocore(string name)
    {
        var c = Cases.Single(x => (string)x!["name"]! == name)!;
        var body = (string)c["body"]!;
        var request = new SigV4Request
        {
            Method = (string)c["method"]!,
            Host = (string)c["host"]!,
            Path = "/" + SigV4Signer.EncodePath((string)c["key"]!),
            Query = Pairs(c["query"]),
            Headers = Pairs(c["headers"]),
            PayloadHash = (bool)c["unsigned"]! ? SigV4Signer.UnsignedPayload : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
        };
        var credentials = new AwsCredentials((string)c["accessKeyId"]!, (string)c["secretAccessKey"]!, (string?)c["sessionToken"]);
        var time = DateTimeOffset.Parse((string)c["time"]!, CultureInfo.InvariantCulture);

        var signature = SigV4Signer.Sign(request, credentials, (string)c["region"]!, "s3", time);

        var expected = ((JsonObject)c["expected"]!).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.OrdinalIgnoreCase);
        var actual = signature.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase), actual.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_secret_and_session_token_never_show_in_the_credentials_text()
    {
        var text = new AwsCredentials("AKIDEXAMPLE", "very-secret", "session-token").ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a b/c", true, "a%20b/c")]
    [InlineData("a b/c", false, "a%20b%2Fc")]
    [InlineData("é~_.-", true, "%C3%A9~_.-")]
    [InlineData("+=&", false, "%2B%3D%26")]
    public void Encodes_per_rfc_3986(string value, bool keepSlash, string expected) =>
        Assert.Equal(expected, SigV4Signer.Encode(value, keepSlash));

    private static List<KeyValuePair<string, string>> Pairs(JsonNode? node) =>
        [.. ((JsonArray)node!).Select(p => new KeyValuePair<string, string>((string)p![0]!, (string)p[1]!))];
}
