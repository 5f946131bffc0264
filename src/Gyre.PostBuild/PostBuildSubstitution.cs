using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Manifests;

namespace Gyre.PostBuild;

/// <summary>
/// Flux's spec.postBuild: variables gathered from substituteFrom ConfigMaps and Secrets (in order, later ones
/// winning) and then spec.postBuild.substitute (winning over all), expanded in each built object's YAML text, which is
/// then read back (so "${replicas}" can become the number 3, and a quoted "${port}" stays a string).
/// </summary>
public sealed partial class PostBuildSubstitution
{
    /// <summary>Label or annotation that turns substitution off for one object.</summary>
    public const string DisableKey = "kustomize.toolkit.fluxcd.io/substitute";

    private readonly IReadOnlyDictionary<string, string> _variables;
    private readonly bool _strict;

    public PostBuildSubstitution(IReadOnlyDictionary<string, string> variables, bool strict)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = variables;
        _strict = strict;
    }

    /// <summary>
    /// Collects variables: each ConfigMap's data and each Secret's data (base64-decoded), in order, then the inline
    /// substitute map. Newlines are removed from values; names must be shell-like identifiers.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CollectVariables(IEnumerable<KubeObject> substituteFrom, IReadOnlyDictionary<string, string>? substitute)
    {
        ArgumentNullException.ThrowIfNull(substituteFrom);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in substituteFrom)
        {
            var isSecret = source.Kind == "Secret";
            if (source.Json["data"] is JsonObject data)
            {
                foreach (var (key, node) in data)
                {
                    var text = node?.GetValue<string>() ?? string.Empty;
                    Add(variables, key, isSecret ? DecodeSecretValue(text, source, key) : text, source.Ref);
                }
            }

            if (isSecret && source.Json["stringData"] is JsonObject stringData)
            {
                foreach (var (key, node) in stringData)
                {
                    Add(variables, key, node?.GetValue<string>() ?? string.Empty, source.Ref);
                }
            }
        }

        foreach (var (key, value) in substitute ?? new Dictionary<string, string>())
        {
            Add(variables, key, value, null);
        }

        return variables;
    }

    /// <summary>True when the object opts out with the substitute: disabled label or annotation.</summary>
    public static bool IsDisabled(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return string.Equals(obj.GetLabel(DisableKey), "disabled", StringComparison.OrdinalIgnoreCase)
            || string.Equals(obj.GetAnnotation(DisableKey), "disabled", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Expands the variables in one object's YAML text; errors name the object.</summary>
    public string Substitute(string yaml, ObjectRef obj)
    {
        try
        {
            return Envsubst.Expand(yaml, name => _variables.TryGetValue(name, out var value) ? value : null, _strict);
        }
        catch (SubstitutionException ex)
        {
            throw new SubstitutionException("post build substitution failed: " + ex.Reason, obj, ex.Variable, ex);
        }
    }

    private static void Add(Dictionary<string, string> variables, string name, string value, ObjectRef? from)
    {
        if (!VariableName().IsMatch(name))
        {
            throw new SubstitutionException(
                $"'{name}' is not a valid variable name: it must match ^[_a-zA-Z][_a-zA-Z0-9]*$; rename the key",
                from,
                name);
        }

        variables[name] = value.Replace("\n", string.Empty, StringComparison.Ordinal);
    }

    private static string DecodeSecretValue(string base64, KubeObject secret, string key)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException ex)
        {
            // The value itself is secret: name the key, never show the content.
            throw new SubstitutionException($"data.{key} is not valid base64", secret.Ref, key, ex);
        }
    }

    [GeneratedRegex("^[_a-zA-Z][_a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
