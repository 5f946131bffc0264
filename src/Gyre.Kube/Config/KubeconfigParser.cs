using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Kube.Config;

/// <summary>
/// Reads one kubeconfig file (YAML or JSON) into a <see cref="Kubeconfig"/>, resolving relative file references
/// against the file's folder as client-go's <c>ResolveLocalPaths</c> does.
/// </summary>
internal static class KubeconfigParser
{
    public static Kubeconfig Parse(string text, string file)
    {
        var root = Load(text, file);
        var dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "/";
        var clusters = new Dictionary<string, KubeconfigCluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, KubeconfigUser>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, KubeconfigContext>(StringComparer.Ordinal);
        if (root is not null)
        {
            foreach (var (name, body) in NamedEntries(root, "clusters", "cluster", file))
            {
                clusters.TryAdd(name, ReadCluster(name, body, file, dir));
            }

            foreach (var (name, body) in NamedEntries(root, "users", "user", file))
            {
                users.TryAdd(name, ReadUser(name, body, file, dir));
            }

            foreach (var (name, body) in NamedEntries(root, "contexts", "context", file))
            {
                contexts.TryAdd(name, new KubeconfigContext(name, Scalar(body, "cluster"), Scalar(body, "user"), Scalar(body, "namespace")));
            }
        }

        return new Kubeconfig
        {
            CurrentContext = root is null ? null : Scalar(root, "current-context"),
            Clusters = clusters,
            Users = users,
            Contexts = contexts,
            Files = [file],
        };
    }

    private static YamlMappingNode? Load(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException(file, null, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return null;
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new KubeConfigException(file, null, "the document is not a mapping; expected a kubeconfig with clusters, users and contexts");
    }

    private static IEnumerable<(string Name, YamlMappingNode Body)> NamedEntries(YamlMappingNode root, string list, string bodyKey, string file)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(list), out var node) || node is YamlScalarNode)
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new KubeConfigException(file, list, "must be a list of entries with name and " + bodyKey);
        }

        var index = 0;
        foreach (var item in sequence.Children)
        {
            var entry = item as YamlMappingNode;
            var name = entry is null ? null : Scalar(entry, "name");
            if (entry is null || string.IsNullOrEmpty(name))
            {
                throw new KubeConfigException(file, $"{list}[{index}].name", "is required");
            }

            var body = entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var b) ? b as YamlMappingNode : null;
            yield return (name, body ?? new YamlMappingNode());
            index++;
        }
    }

    private static KubeconfigCluster ReadCluster(string name, YamlMappingNode body, string file, string dir) => new()
    {
        Name = name,
        SourceFile = file,
        Server = Scalar(body, "server"),
        CertificateAuthority = ResolvePath(dir, Scalar(body, "certificate-authority")),
        CertificateAuthorityData = Base64(body, "certificate-authority-data", file, $"clusters[{name}].cluster"),
        InsecureSkipTlsVerify = Bool(body, "insecure-skip-tls-verify"),
        TlsServerName = Scalar(body, "tls-server-name"),
        ProxyUrl = Scalar(body, "proxy-url"),
    };

    private static KubeconfigUser ReadUser(string name, YamlMappingNode body, string file, string dir)
    {
        var where = $"users[{name}].user";
        return new KubeconfigUser
        {
            Name = name,
            SourceFile = file,
            ClientCertificate = ResolvePath(dir, Scalar(body, "client-certificate")),
            ClientCertificateData = Base64(body, "client-certificate-data", file, where),
            ClientKey = ResolvePath(dir, Scalar(body, "client-key")),
            ClientKeyData = Base64(body, "client-key-data", file, where),
            Token = Scalar(body, "token"),
            TokenFile = ResolvePath(dir, Scalar(body, "tokenFile")),
            Username = Scalar(body, "username"),
            Password = Scalar(body, "password"),
            Impersonate = Scalar(body, "as"),
            ImpersonateGroups = Strings(body, "as-groups"),
            ImpersonateUid = Scalar(body, "as-uid"),
            ImpersonateExtra = StringLists(body, "as-user-extra"),
            Exec = body.Children.TryGetValue(new YamlScalarNode("exec"), out var exec) && exec is YamlMappingNode e
                ? ReadExec(e, file, where + ".exec", dir)
                : null,
        };
    }

    private static ExecConfig ReadExec(YamlMappingNode body, string file, string where, string dir)
    {
        var command = Scalar(body, "command");
        if (string.IsNullOrEmpty(command))
        {
            throw new KubeConfigException(file, where + ".command", "is required");
        }

        var apiVersion = Scalar(body, "apiVersion");
        if (apiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
        {
            throw new KubeConfigException(file, where + ".apiVersion",
                $"'{apiVersion}' is not supported; use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1");
        }

        var env = new List<KeyValuePair<string, string>>();
        if (body.Children.TryGetValue(new YamlScalarNode("env"), out var envNode) && envNode is YamlSequenceNode envList)
        {
            foreach (var item in envList.Children.OfType<YamlMappingNode>())
            {
                env.Add(new(Scalar(item, "name") ?? string.Empty, Scalar(item, "value") ?? string.Empty));
            }
        }

        // As client-go's ResolveLocalPaths: only a command containing a path separator is relative to the file;
        // a bare name is looked up on PATH.
        var resolved = command.Contains('/', StringComparison.Ordinal) ? ResolvePath(dir, command)! : command;
        return new ExecConfig
        {
            ApiVersion = apiVersion,
            Command = resolved,
            Args = Strings(body, "args"),
            Env = env,
            InstallHint = Scalar(body, "installHint"),
            ProvideClusterInfo = Bool(body, "provideClusterInfo"),
            InteractiveMode = Scalar(body, "interactiveMode"),
        };
    }

    internal static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            && !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "null" or "~")
            ? scalar.Value
            : null;

    private static bool Bool(YamlMappingNode node, string key) =>
        string.Equals(Scalar(node, key), "true", StringComparison.OrdinalIgnoreCase);

    private static List<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList()
            : [];

    private static Dictionary<string, IReadOnlyList<string>> StringLists(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty)
                .ToDictionary(k => k, k => (IReadOnlyList<string>)Strings(map, k), StringComparer.Ordinal)
            : [];

    private static byte[]? Base64(YamlMappingNode node, string key, string file, string where)
    {
        var text = Scalar(node, key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new KubeConfigException(file, $"{where}.{key}", "is not valid base64; the -data fields hold base64-encoded PEM", e);
        }
    }

    private static string? ResolvePath(string dir, string? path) =>
        string.IsNullOrEmpty(path) ? null : Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(dir, path));
}
