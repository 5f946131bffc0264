using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests.Yaml;

namespace Gyre.Cli.Secrets;

/// <summary>
/// What every `gyre create secret` subcommand ends with, as flux's: --export prints the Secret with its values in
/// stringData (keys sorted, ready for SOPS); otherwise the Secret is applied and the command says so.
/// </summary>
internal static class SecretManifest
{
    public static JsonObject Build(ParseResult parse, CreateOptions options, SortedDictionary<string, string> values, string? type, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var obj = options.NewObject(parse, new FluxKind("", "v1", "Secret", "secret", [], false, null), new JsonObject());
        obj["apiVersion"] = "v1";
        obj.Remove("spec");
        if (annotations is { Count: > 0 })
        {
            var metadata = (JsonObject)obj["metadata"]!;
            var copy = new JsonObject();
            foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                copy[key] = value;
            }

            // Keys in the order Kubernetes' YAML prints them: annotations, labels, name, namespace.
            var rest = metadata.ToList();
            metadata.Clear();
            metadata["annotations"] = copy;
            foreach (var (key, value) in rest)
            {
                metadata[key] = value;
            }
        }

        var stringData = new JsonObject();
        foreach (var (key, value) in values)
        {
            stringData[key] = value;
        }

        obj["stringData"] = stringData;
        if (type is not null)
        {
            obj["type"] = type;
        }

        return obj;
    }

    /// <summary>Prints the Secret (--export) or applies it with its values as data; returns the exit code.</summary>
    public static async Task<int> ExportOrApplyAsync(ParseResult parse, CliConsole console, CreateOptions options, string what, JsonObject secret, CancellationToken cancellationToken)
    {
        if (parse.GetValue(options.Export))
        {
            await console.Out.WriteAsync("---\n" + YamlWriter.Write(secret)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var applied = (JsonObject)secret.DeepClone();
        var data = new JsonObject();
        foreach (var (key, value) in (JsonObject)applied["stringData"]!)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string)value!));
        }

        applied.Remove("stringData");
        applied["data"] = data;
        applied["type"] ??= "Opaque";
        var ns = FluxObject.Namespace(secret);
        var name = FluxObject.Name(secret);
        using var client = await options.Cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
        try
        {
            var resource = await client.ForObjectAsync(applied, cancellationToken).ConfigureAwait(false);
            await resource.ApplyAsync(applied, new WriteOptions { FieldManager = CreateOptions.FieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            throw new CommandException($"Secret {ns}/{name}: namespace '{ns}' not found; create it with `kubectl create namespace {ns}`");
        }
        catch (KubeApiException ex)
        {
            throw new CommandException($"Secret {ns}/{name}: the API server refused it: {ex.Message}");
        }

        new Progress(console).Action($"{what} secret '{name}' created in '{ns}' namespace");
        return ExitCodes.Success;
    }
}
