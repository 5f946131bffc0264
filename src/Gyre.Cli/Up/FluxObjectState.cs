namespace Gyre.Cli.Up;

/// <summary>Where a Flux object stands, as a person reading `gyre up` needs to know it.</summary>
internal enum FluxObjectState
{
    Progressing,
    Ready,
    Failed,
    Suspended,
}
