using System.Text.Json.Nodes;
using System.Threading.Channels;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Watch;
using Microsoft.Extensions.Logging;

namespace Gyre.Kube.Informers;

/// <summary>
/// Lists then watches one resource, keeping <see cref="Cache"/> current and notifying handlers in order
/// (client-go's <c>sharedIndexInformer</c> + <c>Reflector</c>). Watches reconnect from the last resourceVersion
/// seen (bookmarks included); when the server answers 410 Gone the informer lists again and turns the difference
/// into add/update/delete notifications, so no deletion is lost across the gap.
/// </summary>
public sealed partial class SharedInformer : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly ResourceClient _client;
    private readonly InformerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private IInformerHandler[] _handlers = [];
    private readonly Channel<InformerNotification> _notifications = Channel.CreateUnbounded<InformerNotification>(new() { SingleReader = true });
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _tasks;

    internal SharedInformer(ResourceClient client, InformerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _client = client;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The objects seen so far.</summary>
    public ObjectCache Cache { get; } = new();

    /// <summary>The resource watched.</summary>
    public ResourceClient Client => _client;

    /// <summary>True once the first full list is in the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    private volatile string? _lastSyncResourceVersion;
    private int _listCount;

    /// <summary>The resourceVersion of the last list, watch event or bookmark.</summary>
    public string? LastSyncResourceVersion
    {
        get => _lastSyncResourceVersion;
        private set => _lastSyncResourceVersion = value;
    }

    /// <summary>The number of lists performed (1 + relists after 410 Gone or errors); for tests and metrics.</summary>
    public int ListCount => Volatile.Read(ref _listCount);

    /// <summary>Adds a handler; if the cache already holds objects they are replayed to it as adds first.</summary>
    public void AddHandler(IInformerHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _handlers = [.. _handlers, handler];
            foreach (var obj in Cache.List())
            {
                _notifications.Writer.TryWrite(new InformerNotification(InformerNotificationKind.Add, null, obj, true, [handler]));
            }
        }
    }

    /// <summary>Starts listing and watching in the background; idempotent.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _tasks ??= Task.WhenAll(
                Task.Run(() => RunAsync(_stop.Token)),
                Task.Run(() => DispatchAsync(_stop.Token)),
                Task.Run(() => ResyncAsync(_stop.Token)));
        }
    }

    /// <summary>Waits until the first list is cached.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListAndReplaceAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
                await WatchUntilGoneAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The reflector must outlive any failure, as client-go's does: a dead informer silently freezes every controller's cache.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // Including non-transient API errors (403, 404 of a removed CRD): keep trying with backoff, so the
                // informer recovers when RBAC or the CRD is fixed.
                if (e is KubeException)
                {
                    Log.InformerListFailed(_logger, _client.Resource.QualifiedResource, e.Message);
                }
                else
                {
                    Log.InformerFailed(_logger, e, _client.Resource.QualifiedResource);
                }

                await DelayAsync(++failures, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ListAndReplaceAsync(CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var options = new ListOptions { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector, Limit = _options.PageSize };
        string? resourceVersion;
        while (true)
        {
            var page = await _client.ListAsync(_options.Namespace, options, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items.Select(Trim))
            {
                listed[ObjectCache.KeyOf(item)] = item;
            }

            resourceVersion = page.ResourceVersion;
            if (page.Continue is null)
            {
                break;
            }

            options = options with { Continue = page.Continue };
        }

        var initial = !HasSynced;
        lock (_lock)
        {
            foreach (var key in Cache.Keys.Where(k => !listed.ContainsKey(k)))
            {
                if (Cache.RemoveKey(key) is { } gone)
                {
                    Notify(InformerNotificationKind.Delete, null, gone, false);
                }
            }

            foreach (var obj in listed.Values)
            {
                var old = Cache.Upsert(obj);
                Notify(old is null ? InformerNotificationKind.Add : InformerNotificationKind.Update, old, obj, initial);
            }
        }

        Interlocked.Increment(ref _listCount);
        LastSyncResourceVersion = resourceVersion;
        _synced.TrySetResult();
    }

    private async Task WatchUntilGoneAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                var options = new WatchOptions
                {
                    ResourceVersion = LastSyncResourceVersion,
                    LabelSelector = _options.LabelSelector,
                    FieldSelector = _options.FieldSelector,
                    Timeout = _options.WatchTimeout,
                };
                await foreach (var e in _client.WatchAsync(_options.Namespace, options, cancellationToken).ConfigureAwait(false))
                {
                    Apply(e.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted ? e with { Object = Trim(e.Object) } : e);
                    failures = 0;
                }

                Log.WatchReconnecting(_logger, _client.Resource.QualifiedResource, "the server closed it", LastSyncResourceVersion);
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                Log.WatchExpired(_logger, _client.Resource.QualifiedResource, LastSyncResourceVersion);
                return;
            }
            catch (KubeException e) when (e.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                Log.WatchReconnecting(_logger, _client.Resource.QualifiedResource, e.Message, LastSyncResourceVersion);
                await DelayAsync(++failures, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Apply(WatchEvent e)
    {
        lock (_lock)
        {
            switch (e.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    var old = Cache.Upsert(e.Object);
                    Notify(old is null ? InformerNotificationKind.Add : InformerNotificationKind.Update, old, e.Object, false);
                    break;
                case WatchEventType.Deleted:
                    Cache.Remove(e.Object);
                    Notify(InformerNotificationKind.Delete, null, e.Object, false);
                    break;
            }
        }

        LastSyncResourceVersion = e.ResourceVersion ?? LastSyncResourceVersion;
    }

    // Called with _lock held, so the handler snapshot matches the cache change.
    private void Notify(InformerNotificationKind kind, JsonObject? old, JsonObject obj, bool initial) =>
        _notifications.Writer.TryWrite(new InformerNotification(kind, old, obj, initial, _handlers));

    private Task DelayAsync(int failures, CancellationToken cancellationToken)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, 0.2 * Math.Pow(2, Math.Min(failures, 10)));
        return Task.Delay(TimeSpan.FromSeconds(seconds * (1 + (0.2 * Random.Shared.NextDouble()))), _timeProvider, cancellationToken);
    }
}
