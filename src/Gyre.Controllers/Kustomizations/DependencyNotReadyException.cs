namespace Gyre.Controllers.Kustomizations;

/// <summary>A dependency is not Ready yet: not a failure, the Kustomization waits (reason DependencyNotReady).</summary>
internal sealed class DependencyNotReadyException(string message) : Exception(message);
