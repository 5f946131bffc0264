using System.Globalization;
using System.Text;

namespace Gyre.Kustomize.Bench;

/// <summary>Writes a generated kustomization tree: a base of N apps, generators, patches, and three overlay levels.</summary>
internal static class InputGenerator
{
    /// <summary>apps × 6 objects (Deployment, Service, ConfigMap, ServiceAccount, HPA, PDB) in the base.</summary>
    public static string Write(string root, int apps, int patches)
    {
        Directory.CreateDirectory(Path.Combine(root, "base"));
        var resources = new StringBuilder();
        for (var i = 0; i < apps; i++)
        {
            var name = "app" + i.ToString("D4", CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(root, "base", name + ".yaml"), App(name));
            resources.Append("- ").Append(name).Append(".yaml\n");
        }

        File.WriteAllText(Path.Combine(root, "base", "kustomization.yaml"),
            "resources:\n" + resources + "configMapGenerator:\n- name: shared\n  literals:\n  - level=base\n  - color=blue\nsecretGenerator:\n- name: creds\n  literals:\n  - token=abc\n");
        WriteLevel(root, "team", "../base", "namePrefix: team-\nlabels:\n- pairs:\n    team: core\n  includeSelectors: true\n", patches / 2, apps, 0);
        WriteLevel(root, "staging", "../team", "namespace: staging\ncommonAnnotations:\n  env: staging\nconfigMapGenerator:\n- name: shared\n  behavior: merge\n  literals:\n  - level=staging\n", patches / 4, apps, 1);
        WriteLevel(root, "production", "../staging", "nameSuffix: -prod\nimages:\n- name: nginx\n  newTag: 1.27.0\nreplicas:\n- name: team-app0000\n  count: 9\n", patches - (patches / 2) - (patches / 4), apps, 2);
        return Path.Combine(root, "production");
    }

    private static void WriteLevel(string root, string name, string parent, string body, int patches, int apps, int seed)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var text = new StringBuilder("resources:\n- ").Append(parent).Append('\n').Append(body).Append("patches:\n");
        for (var p = 0; p < patches; p++)
        {
            var app = "app" + ((p * 7 + seed * 13) % apps).ToString("D4", CultureInfo.InvariantCulture);
            if (p % 2 == 0)
            {
                text.Append("- target:\n    kind: Deployment\n    name: ").Append(app).Append("\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: ")
                    .Append(p % 5 + 1).Append('\n');
            }
            else
            {
                var file = $"patch{p}.yaml";
                File.WriteAllText(Path.Combine(dir, file), $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\nspec:\n  template:\n    spec:\n      containers:\n      - name: main\n        env:\n        - name: LEVEL\n          value: {name}\n        resources:\n          limits:\n            memory: 256Mi\n");
                text.Append("- path: ").Append(file).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), text.ToString());
    }

    private static string App(string name) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app: {name}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              serviceAccountName: {name}
              containers:
              - name: main
                image: nginx:1.25
                ports:
                - containerPort: 8080
                envFrom:
                - configMapRef:
                    name: shared
                env:
                - name: TOKEN
                  valueFrom:
                    secretKeyRef:
                      name: creds
                      key: token
                volumeMounts:
                - name: config
                  mountPath: /etc/{name}
              volumes:
              - name: config
                configMap:
                  name: {name}-config
        ---
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
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}-config
        data:
          settings.yaml: |
            name: {name}
            workers: 4
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: {name}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: {name}
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: {name}
          minReplicas: 2
          maxReplicas: 10
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: {name}
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app: {name}

        """;
}
