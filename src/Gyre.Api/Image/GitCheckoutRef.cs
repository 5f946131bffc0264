namespace Gyre.Api.Image;

/// <summary>spec.git.checkout.ref of an ImageUpdateAutomation (a GitRepositoryRef).</summary>
public sealed record GitCheckoutRef(string? Branch, string? Tag, string? Semver, string? Name, string? Commit);
