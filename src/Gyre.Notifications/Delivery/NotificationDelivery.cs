using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Gyre.Notifications.Providers;

namespace Gyre.Notifications.Delivery;

/// <summary>
/// Delivers notifications in the background so a slow or dead endpoint never blocks the reconciler that emitted the
/// event: <see cref="Enqueue"/> never waits; workers send with the Provider's timeout and retry transient failures
/// (network errors, timeouts, 429, 5xx) with doubling delays, rescheduling a retry instead of holding a worker.
/// </summary>
public sealed class NotificationDelivery : IAsyncDisposable
{
    private readonly Channel<Item> _queue;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<DeliveryOutcome>? _observer;
    private readonly ProviderHttpClients _clients = new();
    private readonly HttpMessageInvoker? _invoker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _pending;
    private long _delivered;
    private long _failed;

    /// <param name="invoker">Sends every request instead of per-provider clients (tests and benchmarks).</param>
    public NotificationDelivery(DeliveryOptions options, TimeProvider time, Action<DeliveryOutcome>? observer = null, HttpMessageInvoker? invoker = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _observer = observer;
        _invoker = invoker;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => Finish(dropped, new DeliveryOutcome(dropped.Provider, dropped.Request, dropped.Attempt, false, false, null, "dropped: the delivery queue is full")));
        _workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Deliveries queued, in flight or waiting to retry.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues a request for delivery; returns at once.</summary>
    public void Enqueue(ProviderSettings provider, NotificationRequest request)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(new Item(provider, request, 1)))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _clients.Dispose();
        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var outcome = await SendAsync(item, _stop.Token).ConfigureAwait(false);
                if (outcome.WillRetry)
                {
                    _observer?.Invoke(outcome);
                    _ = RetryLaterAsync(item with { Attempt = item.Attempt + 1 });
                }
                else
                {
                    Finish(item, outcome);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<DeliveryOutcome> SendAsync(Item item, CancellationToken cancellationToken)
    {
        var retry = item.Attempt <= _options.MaxRetries;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(item.Provider.Timeout);
        try
        {
            using var message = ToHttp(item.Request);
            var invoker = _invoker ?? _clients.For(item.Provider);
            using var response = await invoker.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome(item.Provider, item.Request, item.Attempt, true, false, code, null);
            }

            var transient = response.StatusCode == HttpStatusCode.TooManyRequests || code >= 500;
            return new DeliveryOutcome(item.Provider, item.Request, item.Attempt, false, transient && retry, code,
                $"{item.Provider.Where}: posting to {item.Request}: the endpoint answered {code} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = ex is OperationCanceledException ? $"no answer within {item.Provider.Timeout.TotalSeconds:0.###}s" : ex.Message;
            return new DeliveryOutcome(item.Provider, item.Request, item.Attempt, false, retry, null, $"{item.Provider.Where}: posting to {item.Request}: {why}");
        }
    }

    private async Task RetryLaterAsync(Item item)
    {
        try
        {
            await Task.Delay(_options.RetryDelay(item.Attempt - 1), _time, _stop.Token).ConfigureAwait(false);
            if (!_queue.Writer.TryWrite(item))
            {
                Interlocked.Decrement(ref _pending);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private void Finish(Item item, DeliveryOutcome outcome)
    {
        Interlocked.Increment(ref outcome.Delivered ? ref _delivered : ref _failed);
        Interlocked.Decrement(ref _pending);
        _observer?.Invoke(outcome);
    }

    private static HttpRequestMessage ToHttp(NotificationRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.Address) { Content = new ByteArrayContent(request.Body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private sealed record Item(ProviderSettings Provider, NotificationRequest Request, int Attempt);
}
