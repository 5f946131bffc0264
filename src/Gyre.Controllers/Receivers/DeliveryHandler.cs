using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Kube;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Notifications.Receivers;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Receivers;

/// <summary>
/// What notification-controller's receiver server does with one request to <c>/hook/…</c>: find the Receiver whose
/// status.webhookPath it is (404 when none), refuse while it is suspended or not Ready (503), verify the delivery
/// against the token (400), then request a reconcile of every selected resource (500 if any failed, else 200).
/// </summary>
internal sealed class DeliveryHandler
{
    private readonly KubeClient _client;
    private readonly ObjectCache _receivers;
    private readonly ReceiverVerifier _verifier;
    private readonly GoogleKeySource _google;
    private readonly ReconcileRequester _requester;
    private readonly ILogger _logger;

    public DeliveryHandler(KubeClient client, ObjectCache receivers, ReceiverVerifier verifier, GoogleKeySource google, ReconcileRequester requester, ILogger logger)
    {
        _client = client;
        _receivers = receivers;
        _verifier = verifier;
        _google = google;
        _requester = requester;
        _logger = logger;
    }

    /// <summary>Handles a delivery to <paramref name="path"/> and returns the HTTP status to answer with.</summary>
    public async Task<int> HandleAsync(string path, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var found = _receivers.List().FirstOrDefault(r => (string?)r["status"]?["webhookPath"] == path);
        if (found is null)
        {
            return 404;
        }

        var receiver = new KubeObject(found);
        var where = $"Receiver/{receiver.Namespace}/{receiver.Name}";
        ReceiverSpec spec;
        try
        {
            spec = ReceiverSpec.From(receiver.Json);
        }
        catch (ReceiverException ex)
        {
            _logger.LogWarning("{Where}: unable to process request: {Reason}", where, ex.Message);
            return 503;
        }

        if (spec.Suspend || !ConditionSet.Read(receiver.Json["status"]).IsTrue(ConditionTypes.Ready))
        {
            _logger.LogWarning("{Where}: unable to process request: receiver is {State}", where, spec.Suspend ? "suspended" : "not ready");
            return 503;
        }

        string token;
        try
        {
            token = await ReceiverToken.ReadAsync(_client, receiver, spec, cancellationToken).ConfigureAwait(false);
        }
        catch (ReceiverTokenException ex)
        {
            _logger.LogWarning("{Where}: unable to validate payload: {Reason}", where, ex.Message);
            return 400;
        }

        // The token was rotated and the Receiver not yet reconciled: the old path no longer proves knowledge of it.
        if (WebhookPath.For(token, receiver.Name, receiver.Namespace!) != path)
        {
            return 404;
        }

        var keys = spec.Type == ReceiverTypes.Gcr ? await _google.GetAsync(cancellationToken).ConfigureAwait(false) : null;
        var verdict = _verifier.Verify(spec, token, delivery, keys);
        if (!verdict.Accepted)
        {
            _logger.LogWarning("{Where}: unable to validate payload: {Reason}", where, verdict.Message);
            return 400;
        }

        _logger.LogInformation("{Where}: {Message}", where, verdict.Message);
        return verdict.Trigger ? await TriggerAsync(where, receiver, spec, delivery, verdict, cancellationToken).ConfigureAwait(false) : 200;
    }

    private async Task<int> TriggerAsync(string where, KubeObject receiver, ReceiverSpec spec, WebhookDelivery delivery, ReceiverVerdict verdict, CancellationToken cancellationToken)
    {
        Func<JsonObject, bool>? filter;
        try
        {
            filter = Filter(where, spec, delivery, verdict);
        }
        catch (ReceiverException ex)
        {
            _logger.LogWarning("{Where}: unable to create CEL evaluator: {Reason}", where, ex.Message);
            return 500;
        }

        var failed = false;
        foreach (var entry in spec.Resources)
        {
            try
            {
                await _requester.RequestAsync(where, entry, receiver.Namespace!, filter, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is KubeException or ReceiverException)
            {
                _logger.LogWarning("{Where}: unable to request reconciliation of {Resource}: {Reason}", where, entry, ex.Message);
                failed = true;
            }
        }

        return failed ? 500 : 200;
    }

    private static Func<JsonObject, bool>? Filter(string where, ReceiverSpec spec, WebhookDelivery delivery, ReceiverVerdict verdict)
    {
        if (spec.ResourceFilter is not { } expression)
        {
            return null;
        }

        var compiled = ResourceFilter.Compile(where, expression);
        var request = ResourceFilter.Request(where, delivery, verdict);
        return resource => compiled.Accepts(where, resource, request);
    }
}
