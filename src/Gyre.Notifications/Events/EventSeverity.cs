namespace Gyre.Notifications.Events;

/// <summary>Flux's event severities (fluxcd/pkg/apis/event/v1beta1): trace events stay Kubernetes-only.</summary>
public static class EventSeverity
{
    public const string Info = "info";
    public const string Error = "error";
    public const string Trace = "trace";
}
