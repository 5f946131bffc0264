using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre get object`: reads any objects from a cluster through Gyre.Kube with kubectl's connection flags, printing JSON.
/// A thin driver of the client (kubeconfig merging, contexts, discovery, list paging).
/// </summary>
internal static class GetObjectCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var apiVersion = new Argument<string>("apiVersion") { Description = "The API version, e.g. v1 or apps/v1" };
        var kind = new Argument<string>("kind") { Description = "The kind, e.g. ConfigMap or Deployment" };
        var name = new Argument<string?>("name") { Description = "One object's name; omit to list", Arity = ArgumentArity.ZeroOrOne };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path to a kubeconfig file (otherwise KUBECONFIG, then ~/.kube/config)" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The namespace (default: the context's)" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List across all namespaces" };
        var selector = new Option<string?>("--selector", "-l") { Description = "A label selector, e.g. app=web" };
        var command = new Command(
            "object",
            "Print any objects from the cluster as JSON, using kubectl's kubeconfig rules\n\n" +
            "Example:\n  gyre get object apps/v1 Deployment web -n team-a --context prod\n  gyre get object v1 ConfigMap -A -l app=web")
        {
            apiVersion, kind, name, kubeconfig, context, ns, all, selector,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sources = new KubeconfigSources(parse.GetValue(kubeconfig), Environment.GetEnvironmentVariable("KUBECONFIG"),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            var overrides = new KubeContextOverrides(parse.GetValue(context), parse.GetValue(ns));
            using var client = await KubeClient.FromKubeconfigAsync(sources, overrides, null, null, null, cancellationToken).ConfigureAwait(false);
            var resource = await client.ForKindAsync(parse.GetValue(apiVersion)!, parse.GetValue(kind)!, cancellationToken).ConfigureAwait(false);
            var namespaceToUse = parse.GetValue(all) ? null : client.DefaultNamespace;
            JsonNode result;
            if (parse.GetValue(name) is { } objectName)
            {
                result = await resource.GetAsync(namespaceToUse, objectName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var items = new JsonArray();
                await foreach (var item in resource.ListAllAsync(namespaceToUse, new ListOptions { LabelSelector = parse.GetValue(selector), Limit = 500 }, cancellationToken).ConfigureAwait(false))
                {
                    items.Add(item);
                }

                result = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };
            }

            await console.Out.WriteLineAsync(result.ToJsonString(Indented)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
