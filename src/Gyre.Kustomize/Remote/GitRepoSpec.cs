using System.Globalization;
using System.Text.RegularExpressions;

namespace Gyre.Kustomize.Remote;

/// <summary>
/// A remote kustomization in a git repository, parsed from a resource or component entry the way kustomize v5 parses
/// it (api/internal/git): scheme, user and host; the repository path, split from the kustomization root by `_git/`,
/// `//` or `.git`, or else after org/repo (every segment for file://); and the ref, timeout and submodules query.
/// </summary>
public sealed partial record GitRepoSpec
{
    private const string FileScheme = "file://";
    private static readonly string[] Schemes = ["ssh://", "https://", "http://", FileScheme];

    /// <summary>The entry as written in the kustomization.</summary>
    public required string Raw { get; init; }

    /// <summary>Scheme, user and host, e.g. "https://github.com/" or "git@github.com:" or "file://".</summary>
    public required string Host { get; init; }

    /// <summary>The repository path after the host, e.g. "org/repo" or "/srv/git/repo.git".</summary>
    public required string RepoPath { get; init; }

    /// <summary>The kustomization root inside the repository ("" for the top).</summary>
    public required string KustRootPath { get; init; }

    /// <summary>Branch, tag or commit (`?ref=` or the older `?version=`); empty means the remote's HEAD.</summary>
    public string Ref { get; init; } = "";

    /// <summary>`?timeout=`: the limit for each git command (kustomize's default is 27 seconds).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(27);

    /// <summary>`?submodules=`: whether submodules are cloned (the default).</summary>
    public bool Submodules { get; init; } = true;

    /// <summary>True when the entry carried go-getter's `git::` prefix, which kustomize strips with a warning.</summary>
    public bool HadForcedGitPrefix { get; init; }

    /// <summary>What `git fetch` is given.</summary>
    public string CloneUrl => Host + RepoPath;

    /// <summary>Parses entry as a git URL; false (with the reason) when it is not one, i.e. a local path.</summary>
    public static bool TryParse(string entry, out GitRepoSpec? spec, out string? error)
    {
        spec = null;
        if (entry.StartsWith('/'))
        {
            error = "uri looks like abs path: " + entry;
            return false;
        }

        var question = entry.IndexOf('?', StringComparison.Ordinal);
        var rest = question >= 0 ? entry[..question] : entry;
        var (reference, timeout, submodules) = ParseQuery(question >= 0 ? entry[(question + 1)..] : "");
        if (!TryExtractHost(rest, out var host, out rest, out var forced, out error))
        {
            return false;
        }

        if (!TrySplitPath(rest, host.StartsWith(FileScheme, StringComparison.Ordinal), out var repoPath, out var kustRoot))
        {
            error = "failed to parse repo path segment";
            return false;
        }

        if (ExitsRepository(kustRoot))
        {
            error = "url path exits repo: " + rest;
            return false;
        }

        spec = new GitRepoSpec
        {
            Raw = entry, Host = host, RepoPath = repoPath, KustRootPath = kustRoot.TrimStart('/'), Ref = reference,
            Timeout = timeout, Submodules = submodules, HadForcedGitPrefix = forced,
        };
        return true;
    }

    private static bool TryExtractHost(string n, out string host, out string rest, out bool forced, out string? error)
    {
        host = rest = "";
        error = null;
        forced = TrimPrefixIgnoreCase(ref n, "git::");
        var scheme = "";
        foreach (var candidate in Schemes)
        {
            if (TrimPrefixIgnoreCase(ref n, candidate))
            {
                scheme = candidate;
                break;
            }
        }

        var user = UserPattern().Match(n) is { Success: true } m ? m.Value : "";
        n = n[user.Length..];
        var github = n.StartsWith("github.com/", StringComparison.OrdinalIgnoreCase) || n.StartsWith("github.com:", StringComparison.OrdinalIgnoreCase);
        var scpStyle = scheme.Length == 0 && (user.Length > 0 || github);
        if (scheme.Length == 0 && !scpStyle)
        {
            error = "failed to parse scheme";
            return false;
        }

        // file:// names an absolute path: everything after the scheme is that path.
        if (scheme == FileScheme)
        {
            host = scheme;
            rest = user + n;
            return true;
        }

        var hostPart = n;
        var separator = n.IndexOf('/', StringComparison.Ordinal);
        if (scpStyle)
        {
            // In scp-like syntax (user@host:path) the colon ends the host unless a slash comes first.
            var colon = n.IndexOf(':', StringComparison.Ordinal);
            if (separator == -1 || (colon > 0 && colon < separator))
            {
                separator = colon;
            }
        }

        if (separator >= 0)
        {
            hostPart = n[..(separator + 1)];
            rest = n[(separator + 1)..];
        }

        if (github)
        {
            // kustomize normalizes github.com: ssh or a user means scp-style, anything else https.
            (scheme, hostPart) = scheme == "ssh://" || user.Length > 0 ? ("", "github.com:") : ("https://", "github.com/");
            if (scheme.Length > 0)
            {
                user = "";
            }
        }

        if (hostPart.Length == 0)
        {
            error = "failed to parse host segment";
            return false;
        }

        host = scheme + user + hostPart;
        return true;
    }

    private static bool TrySplitPath(string n, bool allSegments, out string repoPath, out string kustRoot)
    {
        repoPath = kustRoot = "";
        var azure = n.IndexOf("_git/", StringComparison.Ordinal);
        var doubleSlash = n.IndexOf("//", StringComparison.Ordinal);
        var dotGit = n.IndexOf(".git", StringComparison.Ordinal);
        if (azure >= 0)
        {
            // Azure DevOps: _git/ sits one directory above the repository root.
            var segments = n[(azure + 5)..].Split('/');
            repoPath = n[..(azure + 5)] + segments[0];
            kustRoot = string.Join('/', segments.Skip(1));
        }
        else if (doubleSlash >= 0)
        {
            repoPath = n[..doubleSlash];
            kustRoot = n[(doubleSlash + 2)..];
        }
        else if (dotGit >= 0)
        {
            repoPath = n[..(dotGit + 4)];
            kustRoot = n[(dotGit + 4)..];
        }
        else if (allSegments)
        {
            repoPath = n;
        }
        else
        {
            var segments = n.Split('/');
            if (segments.Length < 2)
            {
                return false;
            }

            repoPath = segments[0] + "/" + segments[1];
            kustRoot = string.Join('/', segments.Skip(2));
        }

        return repoPath.Length > 0;
    }

    private static bool ExitsRepository(string kustRoot)
    {
        var depth = 0;
        foreach (var part in kustRoot.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            depth += part switch { "." => 0, ".." => -1, _ => 1 };
            if (depth < 0)
            {
                return true;
            }
        }

        return false;
    }

    private static (string Ref, TimeSpan Timeout, bool Submodules) ParseQuery(string query)
    {
        var values = QueryValues(query);
        var reference = values.TryGetValue("ref", out var r) && r.Length > 0 ? r : values.GetValueOrDefault("version", "");
        var timeout = TimeSpan.FromSeconds(27);
        if (values.TryGetValue("timeout", out var t) && t.Length > 0)
        {
            if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
            else if (GoDurationText.TryParse(t, out var duration) && duration > TimeSpan.Zero)
            {
                timeout = duration;
            }
        }

        var submodules = !values.TryGetValue("submodules", out var s) || s.Length == 0 || !GoBool(s, out var b) || b;
        return (reference, timeout, submodules);
    }

    // The first value of each key, as Go's url.Values.Get returns it.
    private static Dictionary<string, string> QueryValues(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals >= 0 ? pair[..equals] : pair).Replace('+', ' '));
            var value = Uri.UnescapeDataString((equals >= 0 ? pair[(equals + 1)..] : "").Replace('+', ' '));
            values.TryAdd(key, value);
        }

        return values;
    }

    // Go's strconv.ParseBool.
    private static bool GoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool TrimPrefixIgnoreCase(ref string text, string prefix)
    {
        if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[prefix.Length..];
            return true;
        }

        return false;
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]*@")]
    private static partial Regex UserPattern();
}
