namespace Gyre.Controllers.Notifications;

/// <summary>notification-controller's condition reasons for Alerts and Providers (api/v1beta2 condition_types.go).</summary>
internal static class NotificationReasons
{
    /// <summary>The message of Ready=True, as Flux writes it.</summary>
    public const string Initialized = "Initialized";

    public const string ValidationFailed = "ValidationFailed";

    public const string ProviderNotReady = "ProviderNotReady";
}
