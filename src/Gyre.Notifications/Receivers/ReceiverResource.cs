namespace Gyre.Notifications.Receivers;

/// <summary>
/// One entry of spec.resources (Flux's CrossNamespaceObjectReference): a kind and a name, or <c>*</c> with matchLabels;
/// the namespace defaults to the Receiver's and the apiVersion to Flux's default for the kind.
/// </summary>
public sealed record ReceiverResource(string? ApiVersion, string Kind, string Name, string? Namespace, IReadOnlyDictionary<string, string>? MatchLabels)
{
    /// <summary>The apiVersion notification-controller assumes when spec.resources[].apiVersion is empty.</summary>
    private static readonly Dictionary<string, string> DefaultApiVersions = new(StringComparer.Ordinal)
    {
        ["Bucket"] = "source.toolkit.fluxcd.io/v1",
        ["HelmChart"] = "source.toolkit.fluxcd.io/v1",
        ["HelmRepository"] = "source.toolkit.fluxcd.io/v1",
        ["GitRepository"] = "source.toolkit.fluxcd.io/v1",
        ["OCIRepository"] = "source.toolkit.fluxcd.io/v1",
        ["ImageRepository"] = "image.toolkit.fluxcd.io/v1",
    };

    /// <summary>True for <c>name: "*"</c>, which selects by matchLabels.</summary>
    public bool IsWildcard => Name == "*";

    /// <summary>The namespace to look in: the entry's own, else the Receiver's.</summary>
    public string NamespaceOr(string receiverNamespace) => string.IsNullOrEmpty(Namespace) ? receiverNamespace : Namespace;

    /// <summary>The apiVersion to use, or null when none is given and the kind has no default.</summary>
    public string? ResolvedApiVersion => !string.IsNullOrEmpty(ApiVersion) ? ApiVersion : DefaultApiVersions.GetValueOrDefault(Kind);

    /// <summary>matchLabels as a label selector (<c>a=1,b=2</c>), ordinal-sorted for stable queries.</summary>
    public string? LabelSelector => MatchLabels is null
        ? null
        : string.Join(",", MatchLabels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    public override string ToString() => $"{Kind}/{Name}" + (string.IsNullOrEmpty(Namespace) ? string.Empty : "." + Namespace);
}
