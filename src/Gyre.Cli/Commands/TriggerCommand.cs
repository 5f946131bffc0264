using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Manifests;
using Gyre.Notifications.Receivers;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre trigger receiver`: reads a Receiver and its token from the cluster, builds a delivery signed the way the
/// Receiver's service signs it, and posts it to the receiver server, so a webhook setup can be tested end to end.
/// </summary>
internal static class TriggerCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The Receiver's name" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The Receiver's namespace (default: the context's)" };
        var payload = new Option<FileInfo?>("--payload") { Description = "A file with the body to send (default: a minimal payload in the service's format)" };
        var @event = new Option<string?>("--event") { Description = "The event to name in the delivery, e.g. push (default: the service's push event)" };
        var address = new Option<string>("--address") { Description = "The receiver server's base URL", DefaultValueFactory = _ => "http://127.0.0.1:9292" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path to a kubeconfig file (otherwise KUBECONFIG, then ~/.kube/config)" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use" };
        var receiver = new Command("receiver", """
            Send a signed test delivery to a Receiver's webhook path

            Reads the Receiver and the token in its Secret, signs a delivery as the Receiver's service would
            (GitHub's X-Hub-Signature-256, GitLab's X-Gitlab-Token, ...) and posts it to /hook/<digest>.

            Example:
              gyre trigger receiver github-push -n flux-system --event push --address http://127.0.0.1:9292
            """)
        {
            name, ns, payload, @event, address, kubeconfig, context,
        };
        receiver.SetAction(async (parse, cancellationToken) =>
        {
            var sources = new KubeconfigSources(parse.GetValue(kubeconfig), Environment.GetEnvironmentVariable("KUBECONFIG"),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            using var client = await KubeClient.FromKubeconfigAsync(sources, new KubeContextOverrides(parse.GetValue(context), parse.GetValue(ns)), null, null, null,
                cancellationToken).ConfigureAwait(false);
            var receivers = await client.ForKindAsync(ReceiverSpec.ApiVersion, ReceiverSpec.Kind, cancellationToken).ConfigureAwait(false);
            var obj = new KubeObject(await receivers.GetAsync(client.DefaultNamespace, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false));
            var spec = ReceiverSpec.From(obj.Json);
            var token = await TokenAsync(client, obj, spec, cancellationToken).ConfigureAwait(false);
            var body = parse.GetValue(payload) is { } file ? await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false) : null;
            var delivery = TestDelivery.Build(spec.Type, token, body, parse.GetValue(@event), TimeProvider.System.GetUtcNow());
            var url = new Uri(new Uri(parse.GetValue(address)!), WebhookPath.For(token, obj.Name, obj.Namespace!));
            var status = await PostAsync(url, delivery, cancellationToken).ConfigureAwait(false);
            var what = $"{spec.Type} delivery to Receiver {obj.Namespace}/{obj.Name} at {url.GetLeftPart(UriPartial.Authority)}{WebhookPath.Prefix}…";
            if (status is >= 200 and < 300)
            {
                await console.Out.WriteLineAsync($"{what}: accepted ({status})").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await console.Error.WriteLineAsync($"error: {what}: refused with HTTP {status}; {Hint(status)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        return new Command("trigger", "Send test deliveries to Gyre's webhook receivers\n\nExample:\n  gyre trigger receiver github-receiver -n flux-system") { receiver };
    }

    private static async Task<string> TokenAsync(KubeClient client, KubeObject receiver, ReceiverSpec spec, CancellationToken cancellationToken)
    {
        var secrets = await client.ForKindAsync("v1", "Secret", cancellationToken).ConfigureAwait(false);
        var secret = await secrets.GetAsync(receiver.Namespace, spec.SecretName, cancellationToken).ConfigureAwait(false);
        return (string?)secret["data"]?["token"] is { } encoded
            ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded))
            : throw new ReceiverException($"Receiver/{receiver.Namespace}/{receiver.Name}", "reading the token",
                $"Secret '{receiver.Namespace}/{spec.SecretName}' has no 'token' key");
    }

    private static async Task<int> PostAsync(Uri url, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(delivery.Header("Content-Type") ?? "application/json");
        foreach (var header in new[] { "Authorization", "X-GitHub-Event", "X-Hub-Signature-256", "X-Hub-Signature", "X-Gitlab-Token", "X-Gitlab-Event",
                     "X-Event-Key", "X-Signature", "X-Nexus-Webhook-Signature", "Ce-Type" })
        {
            if (delivery.Header(header) is { } value)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private static string Hint(int status) => status switch
    {
        400 => "the receiver refused the delivery (signature, token or event filter); see the controller's log",
        404 => "no Ready Receiver has this path; check the token and `status.webhookPath`",
        503 => "the Receiver is suspended or not Ready",
        _ => "see the controller's log",
    };
}
