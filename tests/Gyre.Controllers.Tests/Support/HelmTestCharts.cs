using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Gyre.Controllers.Tests.Support;

/// <summary>
/// Charts and a repository index for the Helm tests, packaged here with the BCL's tar and gzip (as `helm package`
/// lays them out: every file under &lt;name&gt;/) so the controllers are checked against packages they did not make.
/// </summary>
public static class HelmTestCharts
{
    public static byte[] Package(string name, IReadOnlyDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name + "/" + path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A small podinfo-like chart: a ConfigMap and a Deployment driven by values, and NOTES.txt.</summary>
    public static Dictionary<string, string> Podinfo(string version, string extraValues = "") => new(StringComparer.Ordinal)
    {
        ["Chart.yaml"] = $"apiVersion: v2\nname: podinfo\nversion: {version}\nappVersion: \"{version}\"\ndescription: Podinfo test chart\n",
        ["values.yaml"] = "replicaCount: 1\nmessage: hello\nimage:\n  repository: ghcr.io/stefanprodan/podinfo\n  tag: \"6.5.4\"\n" + extraValues,
        ["templates/configmap.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
            data:
              message: {{ .Values.message | quote }}
            """,
        ["templates/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              {{- with .Values.deploymentAnnotations }}
              annotations:
                {{- toYaml . | nindent 4 }}
              {{- end }}
            spec:
              replicas: {{ .Values.replicaCount }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}
                spec:
                  containers:
                  - name: podinfo
                    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
            """,
        ["templates/NOTES.txt"] = "Podinfo {{ .Chart.Version }} is installed as {{ .Release.Name }}.\n",
    };

    /// <summary>A test hook: a Job the local cluster's simulator completes (or fails with gyre.io/simulate: fail).</summary>
    public const string TestJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{ .Release.Name }}-test
          annotations:
            helm.sh/hook: test
            helm.sh/hook-delete-policy: before-hook-creation
            {{- with .Values.testAnnotations }}
            {{- toYaml . | nindent 4 }}
            {{- end }}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: test
                image: busybox
                command: ["wget", "{{ .Release.Name }}:9898"]
        """;

    public static string HelmRelease(string ns, string name, string version, string extra = "") => $"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          timeout: 20s
          chart:
            spec:
              chart: podinfo
              version: "{version}"
              sourceRef:
                kind: HelmRepository
                name: charts
        {extra}
        """;

    /// <summary>index.yaml listing the packages under relative URLs &lt;name&gt;-&lt;version&gt;.tgz with their sha256 digests.</summary>
    public static string Index(IEnumerable<(string Name, string Version, byte[] Package)> charts)
    {
        var text = new StringBuilder("apiVersion: v1\nentries:\n");
        foreach (var group in charts.GroupBy(c => c.Name))
        {
            text.Append("  ").Append(group.Key).Append(":\n");
            foreach (var (name, version, package) in group)
            {
                text.Append("  - apiVersion: v2\n    name: ").Append(name).Append("\n    version: ").Append(version)
                    .Append("\n    digest: ").Append(Convert.ToHexStringLower(SHA256.HashData(package)))
                    .Append("\n    urls:\n    - ").Append(name).Append('-').Append(version).Append(".tgz\n");
            }
        }

        return text.Append("generated: \"2024-01-01T00:00:00Z\"\n").ToString();
    }

    /// <summary>Serves the charts as a Helm repository on 127.0.0.1.</summary>
    public static async Task<StaticHttpServer> ServeAsync(params (string Name, string Version, byte[] Package)[] charts)
    {
        var server = await StaticHttpServer.StartAsync();
        Publish(server, charts);
        return server;
    }

    public static void Publish(StaticHttpServer server, params (string Name, string Version, byte[] Package)[] charts)
    {
        foreach (var (name, version, package) in charts)
        {
            server.Files[$"{name}-{version}.tgz"] = package;
        }

        server.Files["index.yaml"] = Encoding.UTF8.GetBytes(Index(charts));
    }

    public static string HelmRepository(string ns, string name, string url) => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          url: {url}
        """;

    public static string HelmChart(string ns, string name, string chart, string version, string sourceKind = "HelmRepository", string source = "charts", string extra = "") => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          chart: {chart}
          version: "{version}"
          sourceRef:
            kind: {sourceKind}
            name: {source}
        {extra}
        """;
}
