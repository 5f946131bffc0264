using System.Text;

namespace Gyre.ImageAutomation.Setters;

/// <summary>
/// The Setters update strategy over a checkout: every <c>*.yaml</c>/<c>*.yml</c> file under <c>spec.update.path</c>
/// that mentions <c>$imagepolicy</c> gets its markers applied; changed files are written back in place. As Flux's
/// screening reader does, files that do not parse are skipped. Symbolic links are not followed and <c>.git</c> is
/// never entered, so nothing outside the checkout is read or written.
/// </summary>
public static class SetterUpdate
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Applies <paramref name="policies"/> (the ImagePolicies with a latestRef) under <paramref name="updatePath"/>.</summary>
    public static async Task<UpdateResult> ApplyAsync(
        string checkout, string? updatePath, IReadOnlyCollection<LatestImage> policies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var root = Resolve(checkout, updatePath);
        var bySetter = new Dictionary<string, LatestImage>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            bySetter[policy.Setter] = policy;
        }

        var files = new SortedDictionary<string, IReadOnlyDictionary<ObjectIdentifier, IReadOnlyList<Change>>>(StringComparer.Ordinal);
        foreach (var file in YamlFiles(root).Order(StringComparer.Ordinal))
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            var text = Utf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            if (!text.Contains(SetterMarker.Key, StringComparison.Ordinal) || YamlSetters.Apply(text, bySetter) is not { Changes.Count: > 0 } result)
            {
                continue;
            }

            var output = Utf8.GetBytes(result.Text);
            await File.WriteAllBytesAsync(file, bom ? [.. Encoding.UTF8.Preamble, .. output] : output, cancellationToken).ConfigureAwait(false);
            var perObject = new Dictionary<ObjectIdentifier, IReadOnlyList<Change>>();
            foreach (var group in result.Changes.GroupBy(c => c.Object))
            {
                perObject[group.Key] = [.. group.Select(c => c.Change)];
            }

            files[Path.GetRelativePath(checkout, file).Replace(Path.DirectorySeparatorChar, '/')] = perObject;
        }

        return new UpdateResult(files);
    }

    /// <summary>The directory update.path names, refusing paths that leave the checkout (also through symbolic links).</summary>
    internal static string Resolve(string checkout, string? updatePath)
    {
        var rootFull = Path.GetFullPath(checkout);
        var relative = (updatePath ?? "").Replace('\\', '/').TrimStart('/');
        var full = Path.GetFullPath(Path.Combine(rootFull, relative.Length == 0 ? "." : relative));
        if (!IsInside(rootFull, full) || CrossesLink(rootFull, full))
        {
            throw new ImageAutomationException($"spec.update.path '{updatePath}'", "resolving the update path",
                "it points outside the repository; use a path relative to the repository root", ImageAutomationReasons.UpdateFailed);
        }

        if (!Directory.Exists(full))
        {
            throw new ImageAutomationException($"spec.update.path '{updatePath}'", "resolving the update path",
                "no such directory in the checked out revision", ImageAutomationReasons.UpdateFailed);
        }

        return full;
    }

    private static IEnumerable<string> YamlFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is null && (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal)))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            if (Path.GetFileName(sub) == ".git" || new DirectoryInfo(sub).LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in YamlFiles(sub))
            {
                yield return file;
            }
        }
    }

    /// <summary>Whether a directory between the checkout and <paramref name="path"/> (inclusive) is a symbolic link.</summary>
    private static bool CrossesLink(string root, string path)
    {
        for (var current = new DirectoryInfo(path); current is not null && current.FullName.Length > root.Length; current = current.Parent)
        {
            if (current.LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
