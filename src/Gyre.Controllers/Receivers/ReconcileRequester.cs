using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Notifications.Receivers;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Receivers;

/// <summary>
/// Asks for a reconcile of the objects one spec.resources entry selects, as notification-controller does: a merge
/// patch setting <c>reconcile.fluxcd.io/requestedAt</c>, which the owning controller's informer sees at once. A named
/// object must exist; <c>*</c> lists by matchLabels and an empty match is not an error. The resourceFilter, when
/// given, decides per object.
/// </summary>
internal sealed class ReconcileRequester
{
    private readonly KubeClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReconcileRequester(KubeClient client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
    }

    /// <summary>Annotates the selected objects; returns how many. Throws <see cref="KubeException"/> or <see cref="ReceiverException"/> on failure.</summary>
    public async Task<int> RequestAsync(string where, ReceiverResource entry, string receiverNamespace, Func<JsonObject, bool>? filter, CancellationToken cancellationToken)
    {
        var apiVersion = entry.ResolvedApiVersion
            ?? throw new ReceiverException(where, $"triggering {entry}", $"apiVersion must be specified for kind '{entry.Kind}'");
        var ns = entry.NamespaceOr(receiverNamespace);
        var resource = await _client.ForKindAsync(apiVersion, entry.Kind, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<JsonObject> targets;
        if (entry.IsWildcard)
        {
            targets = (await resource.ListAsync(ns, new ListOptions { LabelSelector = entry.LabelSelector }, cancellationToken).ConfigureAwait(false)).Items;
            if (targets.Count == 0)
            {
                _logger.LogWarning("{Where}: no '{Kind}' resources found with matching labels '{Labels}' in '{Namespace}' namespace", where, entry.Kind, entry.LabelSelector, ns);
            }
        }
        else
        {
            targets = [await resource.GetAsync(ns, entry.Name, cancellationToken).ConfigureAwait(false)];
        }

        var annotated = 0;
        foreach (var target in targets)
        {
            var name = (string)target["metadata"]!["name"]!;
            if (filter is not null && !filter(target))
            {
                _logger.LogInformation("{Where}: resource '{Kind}/{Name}.{Namespace}' NOT annotated because CEL expression returned false", where, entry.Kind, name, ns);
                continue;
            }

            await AnnotateAsync(resource, ns, name, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Where}: resource '{Kind}/{Name}.{Namespace}' annotated", where, entry.Kind, name, ns);
            annotated++;
        }

        return annotated;
    }

    private Task<JsonObject> AnnotateAsync(ResourceClient resource, string ns, string name, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.RequestedAt] = now } },
        };
        return resource.PatchAsync(ns, name, PatchType.Merge, patch.ToJsonString(), null, cancellationToken);
    }
}
