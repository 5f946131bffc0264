namespace Gyre.Sources.Git;

/// <summary>The references a remote advertises (git ls-remote output), with annotated tags peeled to commits.</summary>
internal sealed class RemoteRefs
{
    private readonly Dictionary<string, string> _refs;

    private RemoteRefs(Dictionary<string, string> refs) => _refs = refs;

    public IEnumerable<string> Names => _refs.Keys.Where(k => !k.EndsWith("^{}", StringComparison.Ordinal));

    /// <summary>Parses <c>&lt;hash&gt;\t&lt;ref&gt;</c> lines.</summary>
    public static RemoteRefs Parse(string lsRemoteOutput)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lsRemoteOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                refs[line[(tab + 1)..].TrimEnd('\r')] = line[..tab];
            }
        }

        return new RemoteRefs(refs);
    }

    /// <summary>The commit a ref points at: the peeled target for annotated tags.</summary>
    public string? CommitOf(string name) =>
        _refs.TryGetValue(name + "^{}", out var peeled) ? peeled : _refs.GetValueOrDefault(name);

    public IEnumerable<string> TagNames => Names
        .Where(n => n.StartsWith("refs/tags/", StringComparison.Ordinal))
        .Select(n => n["refs/tags/".Length..]);
}
