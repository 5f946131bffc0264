using Microsoft.Extensions.Logging;

namespace Gyre.Kube.Informers;

/// <summary>Handler dispatch and resync: one consumer delivers notifications in order.</summary>
public sealed partial class SharedInformer
{
    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var n in _notifications.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var handler in n.Handlers)
                {
                    Deliver(handler, n);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Deliver(IInformerHandler handler, InformerNotification n)
    {
#pragma warning disable CA1031 // One failing handler must not stop the informer for every other controller (client-go HandleCrash).
        try
        {
            switch (n.Kind)
            {
                case InformerNotificationKind.Add:
                    handler.OnAdd(n.New, n.IsInInitialList);
                    break;
                case InformerNotificationKind.Update:
                    handler.OnUpdate(n.Old ?? n.New, n.New);
                    break;
                case InformerNotificationKind.Delete:
                    handler.OnDelete(n.New);
                    break;
            }
        }
        catch (Exception e)
        {
            Log.HandlerFailed(_logger, e, _client.Resource.QualifiedResource);
        }
#pragma warning restore CA1031
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (_options.ResyncPeriod <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(_options.ResyncPeriod, _timeProvider, cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    foreach (var obj in Cache.List())
                    {
                        Notify(InformerNotificationKind.Update, obj, obj, false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops listing, watching and dispatching.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _notifications.Writer.TryComplete();
        if (_tasks is not null)
        {
            try
            {
                await _tasks.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }
}
