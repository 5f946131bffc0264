using Gyre.Notifications.Providers;

namespace Gyre.Notifications.Delivery;

/// <summary>
/// What became of one delivery attempt, reported to the host for logs and metrics. <see cref="Error"/> never contains
/// credentials: it is built from the status code or the exception type and message, not from the request.
/// </summary>
public sealed record DeliveryOutcome(ProviderSettings Provider, NotificationRequest Request, int Attempt, bool Delivered, bool WillRetry, int? StatusCode, string? Error);
