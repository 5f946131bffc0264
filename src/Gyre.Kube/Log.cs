using Microsoft.Extensions.Logging;

namespace Gyre.Kube;

/// <summary>Gyre.Kube's log messages, with stable event IDs (Npgsql's LogMessages pattern).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Retrying {Verb} {Resource} after HTTP {Status} in {DelayMs} ms (retry {Retry})")]
    public static partial void RetryingAfterStatus(ILogger logger, string verb, string resource, int status, long delayMs, int retry);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Retrying {Verb} {Resource} after a transport error in {DelayMs} ms (retry {Retry}): {Why}")]
    public static partial void RetryingAfterTransportError(ILogger logger, string verb, string resource, long delayMs, int retry, string why);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Credentials for {Server} were rejected; refreshing them")]
    public static partial void RefreshingCredentials(ILogger logger, string server);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Watch of {Resource} ended ({Why}); reconnecting from resourceVersion {ResourceVersion}")]
    public static partial void WatchReconnecting(ILogger logger, string resource, string why, string? resourceVersion);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion}; listing again")]
    public static partial void WatchExpired(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Informer for {Resource} failed to list or watch; retrying: {Why}")]
    public static partial void InformerListFailed(ILogger logger, string resource, string why);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Informer for {Resource} failed unexpectedly; retrying")]
    public static partial void InformerFailed(ILogger logger, Exception exception, string resource);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Became leader of lease {Namespace}/{Name} as {Identity}")]
    public static partial void LeaderAcquired(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Lost leadership of lease {Namespace}/{Name} as {Identity}")]
    public static partial void LeaderLost(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Could not acquire or renew lease {Namespace}/{Name}: {Why}")]
    public static partial void LeaseAttemptFailed(ILogger logger, string @namespace, string name, string why);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Informer handler for {Resource} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string resource);
}
