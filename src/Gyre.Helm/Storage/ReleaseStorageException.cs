namespace Gyre.Helm.Storage;

/// <summary>A release storage object that cannot be read as a Helm 3 release; <see cref="Key"/> names the object.</summary>
public sealed class ReleaseStorageException(string key, string message, Exception? inner = null)
    : Exception($"release {key}: {message}", inner)
{
    public string Key { get; } = key;
}
