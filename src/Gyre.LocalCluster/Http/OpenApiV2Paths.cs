using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// The path items of the /openapi/v2 document: one per resource, whose operations carry the group-version-kind and
/// action extensions and the query parameters (dryRun, fieldManager, fieldValidation) kubectl looks for.
/// </summary>
internal static class OpenApiV2Paths
{
    public static JsonObject Item(JsonObject gvk, string definition, bool review, bool custom)
    {
        var item = new JsonObject();
        if (review)
        {
            item["post"] = Operation("create", gvk, definition, true, body: true);
        }
        else
        {
            item["get"] = Operation("read", gvk, definition, false, body: false);
            item["put"] = Operation("replace", gvk, definition, true, body: true);
            var patch = Operation("patch", gvk, definition, true, body: true);
            // kubectl apply sends a strategic merge patch only where the patch operation consumes it: never for custom resources.
            patch["consumes"] = custom
                ? new JsonArray("application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml")
                : new JsonArray("application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml");
            item["patch"] = patch;
            item["delete"] = Operation("delete", gvk, definition, false, body: false);
        }

        item["parameters"] = new JsonArray(
            new JsonObject { ["name"] = "name", ["in"] = "path", ["required"] = true, ["type"] = "string", ["uniqueItems"] = true },
            new JsonObject { ["name"] = "pretty", ["in"] = "query", ["type"] = "string", ["uniqueItems"] = true });
        return item;
    }

    private static JsonObject Operation(string action, JsonObject gvk, string definition, bool write, bool body)
    {
        var parameters = new JsonArray();
        if (body)
        {
            var schema = action == "patch" ? "io.k8s.apimachinery.pkg.apis.meta.v1.Patch" : definition;
            parameters.Add(new JsonObject { ["name"] = "body", ["in"] = "body", ["required"] = true, ["schema"] = new JsonObject { ["$ref"] = "#/definitions/" + schema } });
        }

        if (write)
        {
            parameters.Add(Query("dryRun"));
            parameters.Add(Query("fieldManager"));
            parameters.Add(Query("fieldValidation"));
            if (action == "patch")
            {
                parameters.Add(new JsonObject { ["name"] = "force", ["in"] = "query", ["type"] = "boolean", ["uniqueItems"] = true });
            }
        }

        var kind = gvk["kind"]!.GetValue<string>();
        return new JsonObject
        {
            ["operationId"] = action + kind,
            ["consumes"] = new JsonArray("*/*"),
            ["produces"] = new JsonArray("application/json", "application/yaml", "application/vnd.kubernetes.protobuf"),
            ["schemes"] = new JsonArray("https"),
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "OK", ["schema"] = new JsonObject { ["$ref"] = "#/definitions/" + definition } },
                ["401"] = new JsonObject { ["description"] = "Unauthorized" },
            },
            ["x-kubernetes-action"] = action == "read" ? "get" : action == "replace" ? "put" : action == "create" ? "post" : action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
    }

    private static JsonObject Query(string name) =>
        new() { ["name"] = name, ["in"] = "query", ["type"] = "string", ["uniqueItems"] = true };
}
