using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Controllers.GitRepositories;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Notifications.Receivers;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Receivers;

/// <summary>
/// notification-controller's Receiver reconcile: finalizer → suspend → read and check the spec (type, resources,
/// resourceFilter) → read the token Secret → status.webhookPath = /hook/sha256(token+name+namespace) and
/// Ready "Receiver initialized for path: …" → requeue at spec.interval. The HTTP side is <see cref="ReceiverServer"/>.
/// </summary>
internal sealed class ReceiverReconciler : IReconciler
{
    private readonly KubeClient _client;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReceiverReconciler(KubeClient client, EventRecorder events, TimeProvider time, ILogger logger)
    {
        _client = client;
        _events = events;
        _time = time;
        _logger = logger;
    }

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var resource = await _client.ForKindAsync(ReceiverSpec.ApiVersion, ReceiverSpec.Kind, cancellationToken).ConfigureAwait(false);
        var obj = await ObjectReader.GetAsync(_client, ReceiverSpec.ApiVersion, ReceiverSpec.Kind, request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            return ReconcileResult.Done;
        }

        if (obj.DeletionTimestamp is not null)
        {
            await Finalizers.RemoveAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        obj = await Finalizers.AddAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        var (spec, interval) = await ReadSpecAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        string token;
        try
        {
            token = await ReceiverToken.ReadAsync(_client, obj, spec, cancellationToken).ConfigureAwait(false);
        }
        catch (ReceiverTokenException ex)
        {
            await WriteStatusAsync(resource, obj, ConditionStatus.False, ReceiverReasons.TokenNotFound, ex.Message, null, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var path = WebhookPath.For(token, obj.Name, obj.Namespace!);
        var message = $"Receiver initialized for path: {path}";
        if ((string?)obj.Json["status"]?["webhookPath"] != path)
        {
            _logger.LogInformation("Receiver {Namespace}/{Name}: {Message}", obj.Namespace, obj.Name, message);
        }

        await WriteStatusAsync(resource, obj, ConditionStatus.True, Reasons.Succeeded, message, path, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Requeue(interval);
    }

    private async Task<(ReceiverSpec Spec, TimeSpan Interval)> ReadSpecAsync(ResourceClient resource, KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            var spec = ReceiverSpec.From(obj.Json);
            var where = $"Receiver/{obj.Namespace}/{obj.Name}";
            var interval = TimeSpan.FromMinutes(10);
            if (spec.Interval is { } text && (!GoDuration.TryParse(text, out interval) || interval <= TimeSpan.Zero))
            {
                throw new ReceiverException(where, "reading spec.interval", $"'{text}' is not a duration like 10m or 1h30m");
            }

            if (spec.ResourceFilter is { } filter)
            {
                ResourceFilter.Compile(where, filter);
            }

            return (spec, interval);
        }
        catch (ReceiverException ex)
        {
            await WriteStatusAsync(resource, obj, ConditionStatus.False, Reasons.InvalidSpec, ex.Message, null, cancellationToken, stalled: true).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }
    }

    private async Task WriteStatusAsync(ResourceClient resource, KubeObject obj, string ready, string reason, string message, string? path,
        CancellationToken cancellationToken, bool stalled = false)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        var now = _time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ready, reason, message, obj.Generation, now);
        conditions.Remove(ConditionTypes.Reconciling);
        if (stalled)
        {
            conditions.Set(ConditionTypes.Stalled, ConditionStatus.True, reason, message, obj.Generation, now);
        }
        else
        {
            conditions.Remove(ConditionTypes.Stalled);
        }

        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        if (path is null)
        {
            status.Remove("webhookPath");
        }
        else
        {
            status["webhookPath"] = path;
        }

        GitRepositoryReconciler.CopyRequestedAt(obj, status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        if (ready == ConditionStatus.False)
        {
            _logger.LogWarning("Receiver {Namespace}/{Name} not ready ({Reason}): {Message}", obj.Namespace, obj.Name, reason, message);
            await _events.RecordAsync(obj, EventRecorder.Warning, reason, message, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
