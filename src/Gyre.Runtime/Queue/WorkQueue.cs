namespace Gyre.Runtime.Queue;

/// <summary>
/// A work queue with client-go's guarantees: an item is queued at most once, never handed to two workers at the same
/// time (an item added while in flight is queued again when its worker calls <see cref="Done"/>), delayed adds keep
/// the earliest due time, and failures back off exponentially per item until <see cref="Forget"/>.
/// </summary>
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly object _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, DateTimeOffset> _waiting = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly BackoffPolicy _backoff;

    public WorkQueue(TimeProvider time, BackoffPolicy backoff)
    {
        _time = time;
        _backoff = backoff;
    }

    /// <summary>Items queued and not yet taken by a worker.</summary>
    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested || !_dirty.Add(item))
            {
                return;
            }

            if (_processing.Contains(item))
            {
                return;
            }

            _queue.Enqueue(item);
        }

        _available.Release();
    }

    /// <summary>Adds the item after a delay; an earlier pending due time for the same item wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        var due = _time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_waiting.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            _waiting[item] = due;
        }

        _ = AddWhenDueAsync(item, due, delay);
    }

    /// <summary>Requeues after this item's next backoff delay.</summary>
    public TimeSpan AddRateLimited(T item)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
        }

        var delay = _backoff.DelayFor(failures);
        AddAfter(item, delay);
        return delay;
    }

    /// <summary>Clears the item's failure count, so its next failure starts the backoff again.</summary>
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    public int Failures(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    /// <summary>Waits for the next item; null once the queue is shut down.</summary>
    public async Task<T?> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            await _available.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return default;
        }

        lock (_gate)
        {
            var item = _queue.Dequeue();
            _dirty.Remove(item);
            _processing.Add(item);
            return item;
        }
    }

    /// <summary>Marks the item's processing finished; if it was added meanwhile, it is queued again.</summary>
    public void Done(T item)
    {
        var requeue = false;
        lock (_gate)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item) && !_shutdown.IsCancellationRequested)
            {
                _queue.Enqueue(item);
                requeue = true;
            }
        }

        if (requeue)
        {
            _available.Release();
        }
    }

    /// <summary>Stops handing out items; waiting workers get null.</summary>
    public void ShutDown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
        _available.Dispose();
    }

    private async Task AddWhenDueAsync(T item, DateTimeOffset due, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        lock (_gate)
        {
            if (!_waiting.TryGetValue(item, out var current) || current != due)
            {
                return;
            }

            _waiting.Remove(item);
        }

        Add(item);
    }
}
