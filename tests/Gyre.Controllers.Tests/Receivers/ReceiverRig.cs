using System.Text;
using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests.Receivers;

/// <summary>The receivers' helpers on top of <see cref="ControllersFixture"/>: token Secrets, Receivers and deliveries.</summary>
internal static class ReceiverRig
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static string Secret(string ns, string name, string token) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
        stringData:
          token: "{token}"
        """;

    public static string Receiver(string ns, string name, string type, string resources, string extra = "") => $"""
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          type: {type}
          secretRef:
            name: webhook-token
          resources:
        {resources}
        {extra}
        """;

    /// <summary>Waits for the Receiver's Ready condition with the given status and returns the Receiver.</summary>
    public static async Task<JsonObject> WaitForReceiverAsync(ControllersFixture rig, string ns, string name, string status)
    {
        JsonObject? receiver = null;
        await rig.Until(async () =>
        {
            receiver = (await rig.GetAsync("notification.toolkit.fluxcd.io/v1", "Receiver", ns, name))?.Json;
            var ready = (receiver?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
            return (string?)ready?["status"] == status;
        }, $"Receiver {ns}/{name} Ready={status}");
        return receiver!;
    }

    public static async Task<Uri> AddressAsync(ControllersFixture rig)
    {
        await rig.Until(() => Task.FromResult(rig.Controllers.ReceiverAddress is not null), "receiver server listening");
        return rig.Controllers.ReceiverAddress!;
    }

    public static async Task<int> PostAsync(ControllersFixture rig, string path, byte[] body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(await AddressAsync(rig), path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
