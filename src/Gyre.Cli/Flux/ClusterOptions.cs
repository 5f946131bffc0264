using System.CommandLine;
using Gyre.Kube;
using Gyre.Kube.Config;

namespace Gyre.Cli.Flux;

/// <summary>
/// The connection flags every cluster command takes, as flux's: --kubeconfig, --context, -n (default flux-system) and,
/// where listing makes sense, -A.
/// </summary>
internal sealed class ClusterOptions
{
    /// <summary>flux's default namespace: where `flux install` and `flux bootstrap` put everything.</summary>
    public const string DefaultNamespace = "flux-system";

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to a kubeconfig file (otherwise KUBECONFIG, then ~/.kube/config)" };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context to use" };

    public Option<string> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace", DefaultValueFactory = _ => DefaultNamespace };

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A") { Description = "Across all namespaces" };

    public static ClusterOptions AddTo(Command command, bool allNamespaces = false)
    {
        var options = new ClusterOptions();
        command.Options.Add(options.Kubeconfig);
        command.Options.Add(options.Context);
        command.Options.Add(options.Namespace);
        if (allNamespaces)
        {
            command.Options.Add(options.AllNamespaces);
        }

        return options;
    }

    /// <summary>The namespace to work in: null with -A.</summary>
    public string? NamespaceOf(ParseResult parse) =>
        parse.GetValue(AllNamespaces) ? null : parse.GetValue(Namespace) ?? DefaultNamespace;

    public Task<KubeClient> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var sources = new KubeconfigSources(parse.GetValue(Kubeconfig), Environment.GetEnvironmentVariable("KUBECONFIG"),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return KubeClient.FromKubeconfigAsync(sources, new KubeContextOverrides(parse.GetValue(Context)), null, TimeProvider.System, null, cancellationToken);
    }
}
