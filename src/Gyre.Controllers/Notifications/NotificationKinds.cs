namespace Gyre.Controllers.Notifications;

/// <summary>The notification kinds Gyre reconciles (Flux's current API version for Alerts and Providers).</summary>
internal static class NotificationKinds
{
    public const string ApiVersion = "notification.toolkit.fluxcd.io/v1beta3";
    public const string Alert = "Alert";
    public const string Provider = "Provider";
}
