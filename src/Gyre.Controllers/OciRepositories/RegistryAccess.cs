namespace Gyre.Controllers.OciRepositories;

/// <summary>The registry access fields OCIRepository and ImageRepository share (Secret names, insecure, timeout).</summary>
internal sealed record RegistryAccess(
    string? SecretRef, string? ServiceAccountName, string? CertSecretRef, string? ProxySecretRef, bool Insecure, TimeSpan Timeout);
