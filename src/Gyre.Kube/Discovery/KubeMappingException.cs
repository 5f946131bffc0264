namespace Gyre.Kube.Discovery;

/// <summary>
/// No resource on the server serves this apiVersion and kind (kubectl's "no matches for kind"). Transient, because
/// the CRD that defines the kind may be applied moments later; the REST mapper re-discovers on every miss.
/// </summary>
public sealed class KubeMappingException : KubeException
{
    /// <summary>Creates the exception.</summary>
    public KubeMappingException(string apiVersion, string kind, string server)
        : base($"{server}: no matches for kind \"{kind}\" in version \"{apiVersion}\"; install the CustomResourceDefinition that defines it, or check apiVersion and kind")
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    /// <summary>The apiVersion asked for.</summary>
    public string ApiVersion { get; }

    /// <summary>The kind asked for.</summary>
    public string Kind { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
