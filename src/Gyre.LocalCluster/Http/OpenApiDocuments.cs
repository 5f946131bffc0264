using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Schema;
using Gyre.LocalCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// OpenAPI v3 (/openapi/v3 and /openapi/v3/{api/v1|apis/group/version}): per group-version documents whose PATCH
/// operations declare the fieldValidation parameter (kubectl's server-side validation check), and whose components
/// hold the kinds' schemas with x-kubernetes-group-version-kind (kubectl explain, client-side apply). Built-in
/// schemas come from the embedded Kubernetes swagger; custom resources from their CRD version's schema.
/// /openapi/v2 is <see cref="OpenApiV2"/>.
/// </summary>
internal sealed class OpenApiDocuments
{
    private const string V2Prefix = "#/definitions/";
    private const string V3Prefix = "#/components/schemas/";
    private readonly ResourceCatalog _catalog;
    private readonly OpenApiV2 _v2;
    private readonly ConcurrentDictionary<string, (ImmutableArray<ResourceInfo> Catalog, byte[] Body, string Hash)> _cache = new(StringComparer.Ordinal);

    public OpenApiDocuments(ResourceCatalog catalog)
    {
        _catalog = catalog;
        _v2 = new OpenApiV2(catalog);
    }

    public Task WriteAsync(HttpContext context, string path)
    {
        if (path.TrimEnd('/') == "/openapi/v2")
        {
            return _v2.WriteAsync(context);
        }

        if (path.TrimEnd('/') == "/openapi/v3")
        {
            var paths = new JsonObject();
            foreach (var gv in _catalog.All.Select(r => (r.Group, r.Version)).Distinct())
            {
                var key = gv.Group.Length == 0 ? "api/" + gv.Version : $"apis/{gv.Group}/{gv.Version}";
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Document(gv.Group, gv.Version).Hash}" };
            }

            return HttpResponses.WriteAsync(context, 200, new JsonObject { ["paths"] = paths });
        }

        if (!path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            throw Discovery.NotFound();
        }

        var rest = path["/openapi/v3/".Length..].Trim('/').Split('/');
        var (group, version) = rest switch
        {
            ["api", var v] => (string.Empty, v),
            ["apis", var g, var v] => (g, v),
            _ => (null, null),
        };
        if (group is null || !_catalog.IsGroupServed(group, version!))
        {
            throw Discovery.NotFound();
        }

        var doc = Document(group, version!);
        context.Response.Headers.ETag = "\"" + doc.Hash + "\"";
        return HttpResponses.WriteRawAsync(context, 200, doc.Body);
    }

    private (byte[] Body, string Hash) Document(string group, string version)
    {
        var key = group + "/" + version;
        var catalog = _catalog.All;
        if (_cache.TryGetValue(key, out var cached) && cached.Catalog == catalog)
        {
            return (cached.Body, cached.Hash);
        }

        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Build(catalog, group, version), JsonContext.Options);
        var hash = Convert.ToHexString(SHA256.HashData(body))[..32];
        _cache[key] = (catalog, body, hash);
        return (body, hash);
    }

    private static JsonObject Build(ImmutableArray<ResourceInfo> catalog, string group, string version)
    {
        var builtIn = BuiltInSchemas.Instance;
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var resource in catalog.Where(r => r.Group == group && r.Version == version))
        {
            var gvk = new JsonObject { ["group"] = group, ["kind"] = resource.Kind, ["version"] = version };
            string definition;
            if (resource.IsCustom)
            {
                definition = string.Join('.', group.Split('.').Reverse()) + "." + version + "." + resource.Kind;
                var schema = resource.Schema?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
                var props = schema["properties"] as JsonObject ?? [];
                schema["properties"] = props;
                props["metadata"] = new JsonObject { ["$ref"] = V3Prefix + "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" };
                props["apiVersion"] ??= new JsonObject { ["type"] = "string" };
                props["kind"] ??= new JsonObject { ["type"] = "string" };
                schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
                schemas[definition] = schema;
                AddClosure(builtIn.Definitions, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", schemas);
            }
            else
            {
                definition = builtIn.DefinitionName(group, version, resource.Kind) ?? string.Empty;
                if (definition.Length == 0)
                {
                    continue;
                }

                AddClosure(builtIn.Definitions, definition, schemas);
            }

            var prefix = group.Length == 0 ? "/api/" + version : $"/apis/{group}/{version}";
            var item = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}/{{name}}" : $"{prefix}/{resource.Plural}/{{name}}";
            paths[item] = PathItem(gvk, definition, resource.IsReview, resource.IsCustom);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject PathItem(JsonObject gvk, string definition, bool review, bool custom)
    {
        JsonObject Operation(string action, bool withValidation)
        {
            var parameters = new JsonArray(Parameter("dryRun"), Parameter("fieldManager"));
            if (withValidation)
            {
                parameters.Add(Parameter("fieldValidation"));
            }

            return new JsonObject
            {
                ["operationId"] = action + gvk["kind"],
                ["parameters"] = parameters,
                ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = V3Prefix + definition } } } } },
                ["x-kubernetes-action"] = action,
                ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
            };
        }

        var item = new JsonObject();
        if (!review)
        {
            item["get"] = Operation("get", false);
            item["put"] = Operation("put", true);
            var patch = Operation("patch", true);

            // kubectl computes client-side apply patches from the v3 schema only when the operation accepts strategic merge.
            var media = new JsonObject();
            foreach (var type in new[] { "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json" })
            {
                if (type != "application/strategic-merge-patch+json" || !custom)
                {
                    media[type] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = V3Prefix + "io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } };
                }
            }

            patch["requestBody"] = new JsonObject { ["content"] = media, ["required"] = true };
            item["patch"] = patch;
            item["delete"] = Operation("delete", false);
        }
        else
        {
            item["post"] = Operation("post", true);
        }

        return item;
    }

    private static JsonObject Parameter(string name) =>
        new() { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } };

    /// <summary>Copies a swagger definition and everything it references, rewriting v2 $refs to v3 component refs.</summary>
    private static void AddClosure(JsonObject definitions, string name, JsonObject schemas)
    {
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (schemas.ContainsKey(next) || definitions[next] is not JsonObject def)
            {
                continue;
            }

            var copy = def.DeepClone().AsObject();
            schemas[next] = copy;
            foreach (var reference in RewriteRefs(copy))
            {
                pending.Push(reference);
            }
        }
    }

    private static List<string> RewriteRefs(JsonNode node)
    {
        var found = new List<string>();
        var stack = new Stack<JsonNode>([node]);
        while (stack.TryPop(out var current))
        {
            if (current is JsonObject o)
            {
                if (o["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var r) && r.StartsWith(V2Prefix, StringComparison.Ordinal))
                {
                    var target = r[V2Prefix.Length..];
                    found.Add(target);

                    // OpenAPI v3 forbids siblings of $ref; Kubernetes wraps referenced schemas in allOf for that reason.
                    o.Remove("$ref");
                    o["allOf"] = new JsonArray(new JsonObject { ["$ref"] = V3Prefix + target });
                }

                foreach (var child in o.Select(kv => kv.Value).OfType<JsonNode>().ToList())
                {
                    stack.Push(child);
                }
            }
            else if (current is JsonArray a)
            {
                foreach (var child in a.OfType<JsonNode>())
                {
                    stack.Push(child);
                }
            }
        }

        return found;
    }

    internal static string Sha(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
