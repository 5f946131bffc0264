namespace Gyre.Notifications.Receivers;

/// <summary>The Receiver types of notification.toolkit.fluxcd.io/v1 (spec.type), as Flux's notification-controller names them.</summary>
public static class ReceiverTypes
{
    public const string Generic = "generic";
    public const string GenericHmac = "generic-hmac";
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string Bitbucket = "bitbucket";
    public const string Harbor = "harbor";
    public const string DockerHub = "dockerhub";
    public const string Quay = "quay";
    public const string Gcr = "gcr";
    public const string Nexus = "nexus";
    public const string Acr = "acr";
    public const string CdEvents = "cdevents";

    /// <summary>Every supported type, in the order of Flux's API reference.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Generic, GenericHmac, GitHub, GitLab, Bitbucket, Harbor, DockerHub, Quay, Gcr, Nexus, Acr, CdEvents];
}
