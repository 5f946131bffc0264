namespace Gyre.Controllers.Receivers;

/// <summary>Runs the <see cref="ReceiverServer"/> while the controllers run (once the Receiver cache has synced), and stops it with them.</summary>
internal sealed class ReceiverWebhooks
{
    private readonly string _listenUrl;
    private readonly DeliveryHandler _handler;

    public ReceiverWebhooks(string listenUrl, DeliveryHandler handler)
    {
        _listenUrl = listenUrl;
        _handler = handler;
    }

    /// <summary>The bound address once listening.</summary>
    public Uri? Address { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var server = await ReceiverServer.StartAsync(_listenUrl, _handler, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Address = server.Address;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                Address = null;
            }
        }
    }
}
