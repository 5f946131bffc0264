using System.Collections.Concurrent;
using System.Text;

namespace Gyre.Images.Scanning;

/// <summary>
/// The scanned tags of every ImageRepository, keyed by namespace and name as Flux's filesystem tag store: in memory
/// for ImagePolicies, and in <c>&lt;root&gt;/&lt;namespace&gt;/&lt;name&gt;/tags.txt</c> (one tag a line, written
/// atomically) so a restarted controller does not need a rescan.
/// </summary>
public sealed class TagStore(string root)
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), IReadOnlyList<string>> _tags = new();

    /// <summary>Records the tags of one repository and returns their revision.</summary>
    public string Set(string ns, string name, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var file = PathOf(ns, name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        File.WriteAllBytes(temporary, TagRevision.Lines(tags));
        File.Move(temporary, file, overwrite: true);
        _tags[(ns, name)] = tags;
        return TagRevision.Of(tags);
    }

    /// <summary>The stored tags; null when the repository has never been scanned (or its file is gone).</summary>
    public IReadOnlyList<string>? Get(string ns, string name)
    {
        if (_tags.TryGetValue((ns, name), out var cached))
        {
            return cached;
        }

        var file = PathOf(ns, name);
        if (!File.Exists(file))
        {
            return null;
        }

        var tags = Encoding.UTF8.GetString(File.ReadAllBytes(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return _tags.GetOrAdd((ns, name), tags);
    }

    /// <summary>Forgets a deleted repository.</summary>
    public void Delete(string ns, string name)
    {
        _tags.TryRemove((ns, name), out _);
        var directory = Path.GetDirectoryName(PathOf(ns, name))!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Namespaces and names are DNS labels/subdomains, so they are safe path segments.
    private string PathOf(string ns, string name) => Path.Combine(root, ns, name, "tags.txt");
}
