namespace Gyre.LocalCluster.Http;

/// <summary>
/// A parsed resource URL: /api/v1/[namespaces/{ns}/]{resource}[/{name}[/{subresource}]] or the same under
/// /apis/{group}/{version}, as kube-apiserver's RequestInfoFactory splits it.
/// </summary>
internal sealed record ApiPath(string Group, string Version, string Resource, string? Namespace, string? Name, string? Subresource)
{
    public static ApiPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        int rest;
        string group;
        string version;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = (string.Empty, parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        var segments = parts[rest..];
        if (segments.Any(s => s.Length == 0))
        {
            return null;
        }

        string? ns = null;

        // namespaces/{ns}/{resource}/... is namespaced, except the namespace's own subresources (status, finalize).
        if (segments.Length >= 3 && segments[0] == "namespaces" && segments[2] is not "status" and not "finalize")
        {
            ns = segments[1];
            segments = segments[2..];
        }

        return segments.Length switch
        {
            1 => new ApiPath(group, version, segments[0], ns, null, null),
            2 => new ApiPath(group, version, segments[0], ns, segments[1], null),
            3 => new ApiPath(group, version, segments[0], ns, segments[1], segments[2]),
            _ => null,
        };
    }
}
