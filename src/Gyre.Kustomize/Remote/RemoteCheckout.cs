using Gyre.Kustomize.FileSystem;

namespace Gyre.Kustomize.Remote;

/// <summary>A cloned repository: its directory (absolute, '/'-separated) read through fileSystem; removed on dispose.</summary>
public sealed class RemoteCheckout(string directory, IKustomizeFileSystem fileSystem, Action? cleanup = null) : IDisposable
{
    public string Directory { get; } = directory;

    public IKustomizeFileSystem FileSystem { get; } = fileSystem;

    public void Dispose() => cleanup?.Invoke();
}
