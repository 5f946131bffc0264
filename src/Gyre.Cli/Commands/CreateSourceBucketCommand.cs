using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre create source bucket`: a Bucket (S3-compatible object storage), with flux's flags. --access-key and
/// --secret-key go into a Secret named like the Bucket (never into --export output, as flux does).
/// </summary>
internal static class CreateSourceBucketCommand
{
    public static Command Create(CliConsole console)
    {
        var bucketName = new Option<string>("--bucket-name") { Description = "Name of the bucket", Required = true };
        var endpoint = new Option<string>("--endpoint") { Description = "Object storage address, host[:port]", Required = true };
        var provider = new Option<string>("--provider") { Description = "Storage provider: generic, aws, gcp or azure", DefaultValueFactory = _ => "generic" };
        provider.AcceptOnlyFromAmong("generic", "aws", "gcp", "azure");
        var region = new Option<string?>("--region") { Description = "Region of the bucket (signing defaults to us-east-1)" };
        var insecure = new Option<bool>("--insecure") { Description = "Use plain HTTP instead of HTTPS" };
        var accessKey = new Option<string?>("--access-key") { Description = "Access key id, stored in a Secret named like the Bucket" };
        var secretKey = new Option<string?>("--secret-key") { Description = "Secret access key, stored in a Secret named like the Bucket" };
        var secret = new Option<string?>("--secret-ref") { Description = "Existing Secret with accesskey and secretkey" };
        var ignore = new Option<string[]>("--ignore-paths") { Description = "Paths to leave out of the artifact (.sourceignore syntax; repeatable)" };
        var command = new Command("bucket", """
            Create or update a Bucket source

            Example:
              gyre create source bucket podinfo --bucket-name podinfo --endpoint minio.minio.svc.cluster.local:9000 --insecure \
                --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" --interval 10m
            """)
        {
            bucketName, endpoint, provider, region, insecure, accessKey, secretKey, secret, ignore,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (access, key) = (parse.GetValue(accessKey), parse.GetValue(secretKey));
            if (string.IsNullOrEmpty(access) != string.IsNullOrEmpty(key))
            {
                throw new CommandException("--access-key and --secret-key go together: give both, or use --secret-ref", ExitCodes.Usage);
            }

            if (!string.IsNullOrEmpty(access) && parse.GetValue(secret) is not null)
            {
                throw new CommandException("--secret-ref cannot be combined with --access-key/--secret-key", ExitCodes.Usage);
            }

            var spec = new JsonObject
            {
                ["bucketName"] = parse.GetValue(bucketName),
                ["endpoint"] = parse.GetValue(endpoint),
                ["interval"] = options.IntervalText(parse),
                ["provider"] = parse.GetValue(provider),
            };
            CreateSourceGitCommand.Set(spec, "region", parse.GetValue(region));
            if (parse.GetValue(insecure))
            {
                spec["insecure"] = true;
            }

            if (parse.GetValue(ignore) is { Length: > 0 } paths)
            {
                spec["ignore"] = string.Join('\n', paths);
            }

            var name = parse.GetValue(options.Name)!;
            var ns = parse.GetValue(options.Cluster.Namespace)!;
            if (parse.GetValue(secret) is { } secretName)
            {
                spec["secretRef"] = new JsonObject { ["name"] = secretName };
            }
            else if (!string.IsNullOrEmpty(access) && !parse.GetValue(options.Export))
            {
                await ApplySecretAsync(parse, options, name, ns, access, key!, cancellationToken).ConfigureAwait(false);
                spec["secretRef"] = new JsonObject { ["name"] = name };
            }

            // Keys in flux's (alphabetical) order, as its export prints them.
            var sorted = new JsonObject(spec.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList());
            var bucket = options.NewObject(parse, FluxKinds.Bucket, sorted);
            return await options.ExportOrApplyAsync(parse, console, FluxKinds.Bucket, bucket, wait: true, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task ApplySecretAsync(
        ParseResult parse, CreateOptions options, string name, string ns, string accessKey, string secretKey, CancellationToken cancellationToken)
    {
        using var client = await options.Cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
        var secrets = await client.ForKindAsync("v1", "Secret", cancellationToken).ConfigureAwait(false);
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["stringData"] = new JsonObject { ["accesskey"] = accessKey, ["secretkey"] = secretKey },
        };
        await secrets.ApplyAsync(secret, new WriteOptions { FieldManager = CreateOptions.FieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
    }
}
