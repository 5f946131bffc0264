using Gyre.Notifications.Alerts;
using Gyre.Notifications.Providers;

namespace Gyre.Notifications.Pipeline;

/// <summary>A ready Alert joined with its ready Provider: where matching events go.</summary>
public sealed record AlertRoute(AlertSpec Alert, ProviderSettings Provider, INotifier Notifier);
