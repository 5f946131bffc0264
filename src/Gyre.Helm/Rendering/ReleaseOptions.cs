namespace Gyre.Helm.Rendering;

/// <summary>The .Release object templates see (Helm's chartutil.ReleaseOptions).</summary>
public sealed record ReleaseOptions
{
    public required string Name { get; init; }

    public string Namespace { get; init; } = "default";

    /// <summary>The release revision (1 for an install).</summary>
    public int Revision { get; init; } = 1;

    public bool IsUpgrade { get; init; }

    public bool IsInstall { get; init; } = true;

    /// <summary>Skip the charts' values.schema.json checks (Helm's --skip-schema-validation, Flux's disableSchemaValidation).</summary>
    public bool SkipSchemaValidation { get; init; }
}
