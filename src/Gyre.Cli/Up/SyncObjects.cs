using System.Text.Json.Nodes;

namespace Gyre.Cli.Up;

/// <summary>
/// The objects `flux bootstrap` commits as gotk-sync.yaml: the flux-system namespace, a GitRepository named flux-system
/// following the branch, and a Kustomization named flux-system applying PATH with prune on.
/// </summary>
internal static class SyncObjects
{
    public const string Namespace = "flux-system";
    public const string Name = "flux-system";

    public static IReadOnlyList<JsonObject> Create(string repositoryUrl, string branch, string path, string? secretName = null, string interval = "1m0s")
    {
        var objects = Objects(repositoryUrl, branch, path, interval);
        if (secretName is not null)
        {
            objects[1]["spec"]!["secretRef"] = new JsonObject { ["name"] = secretName };
        }

        return objects;
    }

    private static List<JsonObject> Objects(string repositoryUrl, string branch, string path, string interval) =>
    [
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = Namespace },
        },
        new JsonObject
        {
            ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
            ["kind"] = "GitRepository",
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["interval"] = interval,
                ["ref"] = new JsonObject { ["branch"] = branch },
                ["url"] = repositoryUrl,
            },
        },
        new JsonObject
        {
            ["apiVersion"] = "kustomize.toolkit.fluxcd.io/v1",
            ["kind"] = "Kustomization",
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["interval"] = "10m0s",
                ["path"] = path == "." ? "./" : "./" + path,
                ["prune"] = true,
                ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = Name },
            },
        },
    ];
}
