using System.Text.Json.Nodes;

namespace Gyre.Controllers.Bench;

/// <summary>What each run applies: the app in the Git repository, and the objects created per run.</summary>
internal static class Workloads
{
    public const string Namespace = "bench";
    public const string ChartVersion = "6.5.4";

    public static readonly IReadOnlyList<(string Path, string Text)> App =
    [
        ("app/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: podinfo}
            spec:
              replicas: 1
              selector: {matchLabels: {app: podinfo}}
              template:
                metadata: {labels: {app: podinfo}}
                spec: {containers: [{name: podinfo, image: "ghcr.io/stefanprodan/podinfo:6.7.0"}]}
            """),
        ("app/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: podinfo}
            spec: {selector: {app: podinfo}, ports: [{port: 9898}]}
            """),
        ("app/hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: podinfo}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              minReplicas: 1
              maxReplicas: 4
            """),
    ];

    public static JsonObject GitRepository(string url) => Parse($$"""
        {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"fleet","namespace":"{{Namespace}}"},
         "spec":{"interval":"10m","url":"{{url}}","ref":{"branch":"main"} } }
        """);

    public static JsonObject Kustomization(int i) => Parse($$"""
        {"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"app-{{i}}","namespace":"{{Namespace}}"},
         "spec":{"interval":"1h","path":"./app","prune":true,"wait":true,"namePrefix":"app-{{i}}-","targetNamespace":"{{Namespace}}",
                 "sourceRef":{"kind":"GitRepository","name":"fleet"} } }
        """);

    public static JsonObject HelmRepository(string url) => Parse($$"""
        {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"HelmRepository","metadata":{"name":"charts","namespace":"{{Namespace}}"},
         "spec":{"interval":"10m","url":"{{url}}"} }
        """);

    public static JsonObject HelmRelease(int i) => Parse($$"""
        {"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease","metadata":{"name":"app-{{i}}","namespace":"{{Namespace}}"},
         "spec":{"interval":"1h","chart":{"spec":{"chart":"podinfo","version":"{{ChartVersion}}","sourceRef":{"kind":"HelmRepository","name":"charts"} } } } }
        """);

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
