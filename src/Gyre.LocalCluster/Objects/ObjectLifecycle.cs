using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// What kube-apiserver's generic registry does to an object before it is stored: type checks against the URL,
/// generateName, name and label validation, server-set metadata (uid, creationTimestamp, generation), dropping
/// status on the main resource, and carrying immutable fields across updates.
/// </summary>
internal sealed class ObjectLifecycle
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly TimeProvider _time;

    public ObjectLifecycle(TimeProvider time)
    {
        _time = time;
    }

    public string Now => ObjectMeta.Timestamp(_time.GetUtcNow());

    /// <summary>Checks apiVersion/kind/namespace of a body against the request URL (400 BadRequest on mismatch).</summary>
    public static void CheckType(ResourceInfo resource, JsonObject body, string urlNamespace)
    {
        var apiVersion = body["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : string.Empty;
        var kind = body["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : string.Empty;
        if (kind.Length == 0)
        {
            throw ApiStatusException.BadRequest($"Object 'Kind' is missing in '{Truncate(body.ToJsonString())}'");
        }

        if (apiVersion.Length > 0 && apiVersion != resource.ApiVersion)
        {
            throw ApiStatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.ApiVersion})");
        }

        if (kind != resource.Kind)
        {
            throw ApiStatusException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind}) of the URL's resource \"{resource.Plural}\"");
        }

        if (body["metadata"] is not null and not JsonObject)
        {
            throw ApiStatusException.BadRequest($"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: metadata must be an object");
        }

        var meta = new ObjectMeta(body);
        if (resource.Namespaced && meta.Namespace.Length > 0 && meta.Namespace != urlNamespace)
        {
            throw ApiStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>Prepares a new object for storage; throws the Status error kube-apiserver would return.</summary>
    public JsonObject PrepareCreate(ResourceInfo resource, JsonObject body, string urlNamespace, StoreTransaction tx)
    {
        CheckType(resource, body, urlNamespace);
        body["apiVersion"] = resource.ApiVersion;
        var meta = new ObjectMeta(body);
        if (resource.Namespaced)
        {
            meta.Namespace = urlNamespace;
        }
        else
        {
            meta.Node.Remove("namespace");
        }

        if (meta.Name.Length == 0 && meta.GenerateName.Length > 0)
        {
            meta.Name = meta.GenerateName + RandomSuffix();
        }

        Validate(resource, body);
        if (resource.Namespaced)
        {
            CheckNamespace(tx, urlNamespace);
        }

        var node = meta.Node;
        node["uid"] = Guid.NewGuid().ToString();
        node["creationTimestamp"] = Now;
        node.Remove("deletionTimestamp");
        node.Remove("deletionGracePeriodSeconds");
        node.Remove("resourceVersion");
        node.Remove("selfLink");
        if (resource.HasStatus && resource.Kind != "CustomResourceDefinition")
        {
            body.Remove("status");
        }

        if (body["spec"] is not null || resource.IsCustom)
        {
            node["generation"] = 1;
        }
        else
        {
            node.Remove("generation");
        }

        KindDefaults.ApplyOnCreate(resource, body, tx);
        return body;
    }

    /// <summary>
    /// Prepares an update of <paramref name="current"/> to <paramref name="body"/>: optimistic concurrency on
    /// resourceVersion, immutable metadata carried over, status kept from the stored object when status is a
    /// subresource, and generation bumped only when something outside metadata and status changed.
    /// </summary>
    public static JsonObject PrepareUpdate(ResourceInfo resource, StoredObject current, JsonObject body, string urlNamespace, bool statusOnly)
    {
        CheckType(resource, body, urlNamespace);
        body["apiVersion"] = resource.ApiVersion;
        var meta = new ObjectMeta(body);
        var rv = meta.ResourceVersion;
        if (rv.Length > 0 && rv != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw ApiStatusException.Conflict(ResourceRef.Of(resource), current.Name, "the object has been modified; please apply your changes to the latest version and try again");
        }

        if (meta.Name.Length > 0 && meta.Name != current.Name)
        {
            throw ApiStatusException.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({current.Name})");
        }

        var old = current.Object;
        var oldMeta = old["metadata"]!.AsObject();
        JsonObject result;
        if (statusOnly)
        {
            // The status subresource changes status only (kube-apiserver's *StatusStrategy.PrepareForUpdate).
            result = old.DeepClone().AsObject();
            result["status"] = body["status"]?.DeepClone();
            if (result["status"] is null)
            {
                result.Remove("status");
            }

            return result;
        }

        result = body;
        var newMeta = new ObjectMeta(result).Node;
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            if (oldMeta[field] is { } value)
            {
                newMeta[field] = value.DeepClone();
            }
            else
            {
                newMeta.Remove(field);
            }
        }

        if (resource.HasStatus && resource.Kind != "CustomResourceDefinition")
        {
            if (old["status"] is { } status)
            {
                result["status"] = status.DeepClone();
            }
            else
            {
                result.Remove("status");
            }
        }

        Validate(resource, result);
        ImmutableFields.Check(resource, old, result);
        if (SpecChanged(old, result, resource.HasStatus) && oldMeta["generation"] is not null)
        {
            newMeta["generation"] = new ObjectMeta(old).Generation + 1;
        }
        else if (oldMeta["generation"] is null && (result["spec"] is not null || resource.IsCustom))
        {
            newMeta["generation"] = 1;
        }

        KindDefaults.ApplyOnUpdate(resource, old, result);
        return result;
    }

    public static void CheckNamespace(StoreTransaction tx, string ns)
    {
        var nsObj = tx.Get("namespaces", string.Empty, ns)
            ?? throw ApiStatusException.NotFound(new ResourceRef(string.Empty, "namespaces"), ns);
        if (new ObjectMeta(nsObj.Object).IsDeleting)
        {
            throw new ApiStatusException(403, "Forbidden", $"unable to create new content in namespace {ns} because it is being terminated", ns, string.Empty, "namespaces");
        }
    }

    private static void Validate(ResourceInfo resource, JsonObject body)
    {
        var meta = new ObjectMeta(body);
        var causes = new List<StatusCause>();
        if (meta.Name.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }
        else
        {
            causes.AddRange(NameValidation.ValidateName(resource.Kind, meta.Name));
        }

        causes.AddRange(NameValidation.ValidateLabels(meta.Labels));
        if (causes.Count > 0)
        {
            throw ApiStatusException.Invalid(resource.Kind, resource.Group, meta.Name, causes);
        }
    }

    private static bool SpecChanged(JsonObject old, JsonObject updated, bool hasStatus)
    {
        foreach (var key in old.Select(p => p.Key).Union(updated.Select(p => p.Key)))
        {
            if (key is "metadata" or "apiVersion" or "kind" || (hasStatus && key == "status"))
            {
                continue;
            }

            if (!JsonNode.DeepEquals(old[key], updated[key]))
            {
                return true;
            }
        }

        return false;
    }

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
            }
        });

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}
