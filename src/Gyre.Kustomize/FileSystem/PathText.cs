using System.Text;

namespace Gyre.Kustomize.FileSystem;

/// <summary>Slash-separated path arithmetic (Go's path/filepath on Unix), independent of the host OS.</summary>
public static class PathText
{
    /// <summary>Lexically cleans a path: collapses '//' and '.', resolves '..' (filepath.Clean).</summary>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rooted = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add(part);
                }

                continue;
            }

            parts.Add(part);
        }

        var text = new StringBuilder(rooted ? "/" : string.Empty).AppendJoin('/', parts).ToString();
        return text.Length == 0 ? "." : text;
    }

    public static string Join(string directory, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return relative.StartsWith('/') ? Clean(relative) : Clean(directory + "/" + relative);
    }

    public static string Directory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var at = path.LastIndexOf('/');
        return at <= 0 ? "/" : path[..at];
    }

    public static string FileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>The relative path from directory to path (filepath.Rel).</summary>
    public static string Relative(string directory, string path)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(path);
        var from = Clean(directory).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = Clean(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length && from[common] == to[common])
        {
            common++;
        }

        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join('/', parts);
    }

    /// <summary>True when path is root itself or inside it.</summary>
    public static bool IsWithin(string path, string root)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        return path == root || path.StartsWith(root == "/" ? "/" : root + "/", StringComparison.Ordinal);
    }
}
