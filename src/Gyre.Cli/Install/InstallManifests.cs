using System.Text.Json.Nodes;
using Gyre.Api.Crds;

namespace Gyre.Cli.Install;

/// <summary>
/// What `gyre install` puts in a cluster, in apply order, laid out as `flux install` does: the namespace, the Flux CRDs,
/// a service account bound to cluster-admin (flux's cluster-reconciler) plus a role for the Flux kinds, one Deployment
/// running `gyre controller` with leader election, and the source-controller Service that serves artifacts.
/// </summary>
internal static class InstallManifests
{
    public const string Name = "gyre-controller";
    public const string DefaultImage = "ghcr.io/gyre-gitops/gyre";
    private const string PartOf = "app.kubernetes.io/part-of";

    /// <summary>flux's component names, each mapped to the `gyre controller --controllers` name that runs it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Components = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["source-controller"] = "source",
        ["kustomize-controller"] = "kustomize",
        ["helm-controller"] = "helm",
        ["notification-controller"] = "notification",
    };

    /// <summary>flux's --components-extra names (not installed unless asked for), mapped as <see cref="Components"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExtraComponents = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["image-reflector-controller"] = "image-reflector",
        ["image-automation-controller"] = "image-automation",
    };

    /// <summary>The manifests as `gyre install --export` prints them: one YAML document per object.</summary>
    public static string ToYaml(IEnumerable<JsonObject> objects) => string.Concat(objects.Select(o => "---\n" + Gyre.Manifests.Yaml.YamlWriter.Write(o)));

    /// <summary>Maps flux component names (--components, then --components-extra) to controllers; throws a usage error naming an unknown one.</summary>
    public static IReadOnlyList<string> ControllersOf(IEnumerable<string> components, IEnumerable<string>? extra = null)
    {
        var controllers = new List<string>();
        Map(components, Components, "--components", controllers);
        Map(extra ?? [], ExtraComponents, "--components-extra", controllers);
        return controllers;
    }

    private static void Map(IEnumerable<string> names, IReadOnlyDictionary<string, string> known, string flag, List<string> controllers)
    {
        foreach (var component in names.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            controllers.Add(known.TryGetValue(component, out var controller)
                ? controller
                : throw new Flux.CommandException($"{flag}: unknown component '{component}'; choose from {string.Join(", ", known.Keys)}", ExitCodes.Usage));
        }
    }

    public static IReadOnlyList<JsonObject> Create(string ns, string image, string version, IReadOnlyList<string>? controllers = null)
    {
        var objects = new List<JsonObject> { Object("v1", "Namespace", ns, null) };
        objects.AddRange(FluxCrds.All().Select(crd => crd.Json.DeepClone().AsObject()));
        objects.Add(Object("v1", "ServiceAccount", Name, ns));
        objects.Add(ClusterRole(ns));
        objects.Add(Binding($"crd-controller-{ns}", $"crd-controller-{ns}", ns));
        objects.Add(Binding($"cluster-reconciler-{ns}", "cluster-admin", ns));
        objects.Add(Deployment(ns, $"{image}:{version}", controllers));
        objects.Add(Service(ns));
        return objects;
    }

    private static JsonObject Object(string apiVersion, string kind, string name, string? ns)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["labels"] = new JsonObject { [PartOf] = "gyre", ["app.kubernetes.io/instance"] = ns ?? name };
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    private static JsonObject ClusterRole(string ns)
    {
        var role = Object("rbac.authorization.k8s.io/v1", "ClusterRole", $"crd-controller-{ns}", null);
        role["rules"] = new JsonArray(
            Rule(["source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "notification.toolkit.fluxcd.io"], ["*"], ["*"]),
            Rule([""], ["namespaces", "secrets", "configmaps", "serviceaccounts"], ["get", "list", "watch"]),
            Rule([""], ["events"], ["create", "patch"]),
            Rule(["coordination.k8s.io"], ["leases"], ["*"]),
            Rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], ["get", "list", "watch", "create", "patch", "update"]));
        return role;
    }

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = new JsonArray(groups.Select(g => (JsonNode)g).ToArray()),
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
        ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
    };

    private static JsonObject Binding(string name, string role, string ns)
    {
        var binding = Object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", name, null);
        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role };
        binding["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = Name, ["namespace"] = ns });
        return binding;
    }

    private static JsonObject Deployment(string ns, string image, IReadOnlyList<string>? controllers)
    {
        var deployment = Object("apps/v1", "Deployment", Name, ns);
        var selector = new JsonObject { ["app"] = Name };
        var args = new JsonArray(
            "controller", "--enable-leader-election", "--leader-election-namespace=" + ns, "--log-encoding=json",
            "--metrics-addr=:8080", "--health-addr=:9440", "--storage-addr=:9090", "--storage-path=/data",
            $"--storage-adv-addr=http://source-controller.{ns}.svc.cluster.local.");
        // The controller's own default also runs the image controllers, which flux installs only as extra components.
        if (controllers is not null && controllers.Distinct().Count() < Components.Count + ExtraComponents.Count)
        {
            args.Add("--controllers=" + string.Join(',', controllers.Distinct()));
        }

        deployment["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = selector.DeepClone() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = selector.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["serviceAccountName"] = Name,
                    ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true, ["fsGroup"] = 1337 },
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "manager",
                        ["image"] = image,
                        ["args"] = args,
                        ["ports"] = new JsonArray(Port("http", 9090), Port("http-prom", 8080), Port("healthz", 9440)),
                        ["livenessProbe"] = Probe("/healthz"),
                        ["readinessProbe"] = Probe("/readyz"),
                        ["resources"] = new JsonObject
                        {
                            ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
                            ["limits"] = new JsonObject { ["cpu"] = "1", ["memory"] = "1Gi" },
                        },
                        ["securityContext"] = new JsonObject
                        {
                            ["allowPrivilegeEscalation"] = false,
                            ["readOnlyRootFilesystem"] = true,
                            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
                        },
                        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = "/data" }, new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" }),
                    }),
                    ["volumes"] = new JsonArray(
                        new JsonObject { ["name"] = "data", ["emptyDir"] = new JsonObject() },
                        new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() }),
                },
            },
        };
        return deployment;
    }

    private static JsonObject Port(string name, int port) => new() { ["name"] = name, ["containerPort"] = port, ["protocol"] = "TCP" };

    private static JsonObject Probe(string path) => new() { ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = "healthz" } };

    private static JsonObject Service(string ns)
    {
        var service = Object("v1", "Service", "source-controller", ns);
        service["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            ["selector"] = new JsonObject { ["app"] = Name },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["protocol"] = "TCP", ["targetPort"] = "http" }),
        };
        return service;
    }
}
