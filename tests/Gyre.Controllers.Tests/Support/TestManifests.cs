namespace Gyre.Controllers.Tests.Support;

/// <summary>The YAML the tests put in repositories and in the cluster.</summary>
public static class TestManifests
{
    public static string GitRepository(string ns, string name, string url) => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          url: {url}
          ref:
            branch: main
        """;

    public static string Kustomization(string ns, string name, string path, string extra = "") => $"""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          path: {path}
          prune: true
          sourceRef:
            kind: GitRepository
            name: fleet
        {extra}
        """;

    public static string Deployment(string name, string annotations = "{}") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          annotations: {annotations}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: app
                image: nginx:1.27
        """;

    public static string Service(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          selector:
            app: {name}
          ports:
          - port: 80
            targetPort: 8080
        """;

    public static string ConfigMap(string name, string key, string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          {key}: "{value}"
        """;
}
