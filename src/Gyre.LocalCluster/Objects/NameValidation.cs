using System.Text.RegularExpressions;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Kubernetes' name and label rules (k8s.io/apimachinery/pkg/util/validation) with the exact messages kube-apiserver
/// returns, so clients that match on them behave the same here.
/// </summary>
internal static partial class NameValidation
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string QualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>Validates metadata.name by the kind's rule: DNS-1035 label for Services, RFC 1123 label for Namespaces, path segments for RBAC, subdomain otherwise.</summary>
    public static IEnumerable<StatusCause> ValidateName(string kind, string name)
    {
        var (ok, message, max) = kind switch
        {
            "Service" => (Dns1035().IsMatch(name), Dns1035Message, 63),
            "Namespace" => (Dns1123Label().IsMatch(name), LabelMessage, 63),
            "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding" => (name is not "." and not ".." && !name.Contains('/') && !name.Contains('%'), "may not contain '/' or '%' and may not be '.' or '..'", int.MaxValue),
            _ => (Dns1123Subdomain().IsMatch(name), SubdomainMessage, 253),
        };
        if (!ok)
        {
            yield return Invalid("metadata.name", name, message);
        }

        if (name.Length > max)
        {
            yield return Invalid("metadata.name", name, $"must be no more than {max} characters");
        }
    }

    public static IEnumerable<StatusCause> ValidateLabels(System.Text.Json.Nodes.JsonObject? labels)
    {
        if (labels is null)
        {
            yield break;
        }

        foreach (var (key, node) in labels)
        {
            foreach (var cause in ValidateQualifiedName("metadata.labels", key))
            {
                yield return cause;
            }

            var value = node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (value is null)
            {
                yield return new StatusCause("FieldValueInvalid", $"Invalid value: {node?.ToJsonString()}: must be a string", "metadata.labels");
            }
            else if (value.Length > 63)
            {
                yield return Invalid("metadata.labels", value, "must be no more than 63 characters");
            }
            else if (!LabelValue().IsMatch(value))
            {
                yield return Invalid("metadata.labels", value, LabelValueMessage);
            }
        }
    }

    public static IEnumerable<StatusCause> ValidateQualifiedName(string field, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && (!Dns1123Subdomain().IsMatch(key[..slash]) || slash > 253))
        {
            yield return Invalid(field, key, "prefix part " + SubdomainMessage);
        }

        if (name.Length == 0 || name.Length > 63 || !QualifiedName().IsMatch(name))
        {
            yield return Invalid(field, key, QualifiedNameMessage);
        }
    }

    public static bool IsDns1123Label(string value) => value.Length <= 63 && Dns1123Label().IsMatch(value);

    private static StatusCause Invalid(string field, string value, string message) =>
        new("FieldValueInvalid", $"Invalid value: \"{value}\": {message}", field);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();
}
