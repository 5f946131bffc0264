using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Protobuf;
using Gyre.LocalCluster.Schema;
using Gyre.LocalCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// /openapi/v2: one Swagger 2.0 document with the definitions of every served kind (built-in ones from the embedded
/// schema, custom resources converted from their CRD version's schema as kube-apiserver publishes them) and a path
/// per resource whose patch operation declares fieldValidation. Served as JSON, or as the gnostic protobuf kubectl asks
/// for (its client-side validation of `kind: List` files reads this document).
/// </summary>
internal sealed class OpenApiV2
{
    public const string ProtobufType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>The Content-Type kube-apiserver answers with: '@' is not valid in a media type Go's mime package parses.</summary>
    public const string ProtobufResponseType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
    private const string Prefix = "#/definitions/";
    private readonly ResourceCatalog _catalog;
    private readonly ConcurrentDictionary<bool, (ImmutableArray<ResourceInfo> Catalog, byte[] Body, string Hash)> _cache = new();

    public OpenApiV2(ResourceCatalog catalog)
    {
        _catalog = catalog;
    }

    public Task WriteAsync(HttpContext context)
    {
        var protobuf = WantsProtobuf(context.Request.Headers.Accept.ToString());
        var catalog = _catalog.All;
        if (!_cache.TryGetValue(protobuf, out var doc) || doc.Catalog != catalog)
        {
            var json = Build(catalog);
            var body = protobuf ? OpenApiV2Protobuf.Encode(json) : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(json, JsonContext.Options);
            doc = (catalog, body, Convert.ToHexString(SHA256.HashData(body))[..32]);
            _cache[protobuf] = doc;
        }

        context.Response.Headers.ETag = "\"" + doc.Hash + "\"";
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(doc.Hash, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 304;
            return Task.CompletedTask;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = protobuf ? ProtobufResponseType : HttpResponses.Json;
        return context.Response.Body.WriteAsync(doc.Body, context.RequestAborted).AsTask();
    }

    /// <summary>Protobuf when the client lists it before JSON (or alone); JSON otherwise, as kube-apiserver negotiates.</summary>
    internal static bool WantsProtobuf(string accept)
    {
        foreach (var part in accept.Split(','))
        {
            var type = part.Split(';')[0].Trim();
            if (type.Equals(ProtobufType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (type is "application/json" or "*/*" or "application/*")
            {
                return false;
            }
        }

        return false;
    }

    internal static JsonObject Build(ImmutableArray<ResourceInfo> catalog)
    {
        var builtIn = BuiltInSchemas.Instance;
        var definitions = new JsonObject();
        var paths = new JsonObject();
        foreach (var name in new[] { "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Patch", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions" })
        {
            AddClosure(builtIn.Definitions, name, definitions);
        }

        foreach (var resource in catalog)
        {
            var gvk = new JsonObject { ["group"] = resource.Group, ["kind"] = resource.Kind, ["version"] = resource.Version };
            string? definition;
            if (resource.IsCustom)
            {
                definition = string.Join('.', resource.Group.Split('.').Reverse()) + "." + resource.Version + "." + resource.Kind;
                definitions[definition] = CustomResourceSchema(resource.Schema, gvk);
                AddClosure(builtIn.Definitions, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", definitions);
            }
            else
            {
                definition = builtIn.DefinitionName(resource.Group, resource.Version, resource.Kind);
                if (definition is null)
                {
                    continue;
                }

                AddClosure(builtIn.Definitions, definition, definitions);
            }

            var prefix = resource.Group.Length == 0 ? "/api/" + resource.Version : $"/apis/{resource.Group}/{resource.Version}";
            var item = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}/{{name}}" : $"{prefix}/{resource.Plural}/{{name}}";
            paths[resource.IsReview ? $"{prefix}/{resource.Plural}" : item] = OpenApiV2Paths.Item(gvk, definition, resource.IsReview, resource.IsCustom);
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["definitions"] = definitions,
        };
    }

    /// <summary>A CRD version's schema as kube-apiserver publishes it in v2 (ToStructuralOpenAPIV2), with metadata as ObjectMeta.</summary>
    private static JsonObject CustomResourceSchema(JsonObject? source, JsonObject gvk)
    {
        var schema = source?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        CrdSchemaToV2.Convert(schema);
        if (schema["x-kubernetes-preserve-unknown-fields"] is null || schema["properties"] is JsonObject)
        {
            var props = schema["properties"] as JsonObject ?? [];
            schema["properties"] = props;
            props["metadata"] = new JsonObject { ["$ref"] = Prefix + "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" };
            props["apiVersion"] ??= new JsonObject { ["type"] = "string" };
            props["kind"] ??= new JsonObject { ["type"] = "string" };
        }

        schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
        return schema;
    }

    private static void AddClosure(JsonObject source, string name, JsonObject target)
    {
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (target.ContainsKey(next) || source[next] is not JsonObject def)
            {
                continue;
            }

            var copy = def.DeepClone().AsObject();
            target[next] = copy;
            var stack = new Stack<JsonNode>([copy]);
            while (stack.TryPop(out var current))
            {
                if (current is JsonObject o)
                {
                    if (o["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && reference.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        pending.Push(reference[Prefix.Length..]);
                    }

                    foreach (var child in o.Select(kv => kv.Value).OfType<JsonNode>())
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
        }
    }
}
