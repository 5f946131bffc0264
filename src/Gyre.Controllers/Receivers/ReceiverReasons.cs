namespace Gyre.Controllers.Receivers;

/// <summary>notification-controller's Receiver condition reasons (api/v1 receiver_types.go) beyond fluxcd/pkg's generic ones.</summary>
internal static class ReceiverReasons
{
    /// <summary>The Secret named by spec.secretRef is missing or has no <c>token</c> key.</summary>
    public const string TokenNotFound = "TokenNotFound";
}
