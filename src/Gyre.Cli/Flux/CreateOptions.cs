using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests.Yaml;

namespace Gyre.Cli.Flux;

/// <summary>
/// What every `gyre create` subcommand shares, as flux's: --interval, --label, --export (print YAML instead of applying)
/// and --timeout; applying is a server-side apply followed by a wait for Ready.
/// </summary>
internal sealed class CreateOptions
{
    public const string FieldManager = "gyre";

    public Argument<string> Name { get; } = new("NAME") { Description = "The object's name" };

    public Option<TimeSpan> Interval { get; } = DurationOption.Create("--interval", "How often the controller reconciles it", TimeSpan.FromMinutes(1));

    public Option<string[]> Labels { get; } = new("--label", "-l") { Description = "Labels to set, key=value (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<bool> Export { get; } = new("--export") { Description = "Print the YAML instead of applying it" };

    public Option<TimeSpan> Timeout { get; } = DurationOption.Create("--timeout", "How long to wait for Ready", TimeSpan.FromMinutes(5));

    public ClusterOptions Cluster { get; private set; } = null!;

    private bool _waitTimeout;

    /// <summary>Adds the shared flags; without <paramref name="timeout"/> the command's own --timeout means something else
    /// (ImageRepository's scan timeout, as flux's) and the wait for Ready takes 5 minutes.</summary>
    public static CreateOptions AddTo(Command command, bool interval = true, bool timeout = true)
    {
        var options = new CreateOptions { _waitTimeout = timeout };
        command.Arguments.Add(options.Name);
        if (interval)
        {
            command.Options.Add(options.Interval);
        }

        command.Options.Add(options.Labels);
        command.Options.Add(options.Export);
        if (timeout)
        {
            command.Options.Add(options.Timeout);
        }

        options.Cluster = ClusterOptions.AddTo(command);
        return options;
    }

    public JsonObject NewObject(ParseResult parse, FluxKind kind, JsonObject spec)
    {
        var metadata = new JsonObject { ["name"] = parse.GetValue(Name), ["namespace"] = parse.GetValue(Cluster.Namespace) };
        var labels = new JsonObject();
        foreach (var label in parse.GetValue(Labels) ?? [])
        {
            var parts = label.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new CommandException($"--label '{label}': expected key=value", ExitCodes.Usage);
            }

            labels[parts[0]] = parts[1];
        }

        if (labels.Count > 0)
        {
            metadata["labels"] = labels;
        }

        return new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = metadata, ["spec"] = spec };
    }

    public string IntervalText(ParseResult parse) => DurationOption.Format(parse.GetValue(Interval));

    /// <summary>Prints the object (--export) or applies it and waits for Ready; returns the exit code.</summary>
    public async Task<int> ExportOrApplyAsync(ParseResult parse, CliConsole console, FluxKind kind, JsonObject obj, bool wait, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Export))
        {
            await console.Out.WriteAsync("---\n" + YamlWriter.Write(obj)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var progress = new Progress(console);
        using var client = await Cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
        var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
        var ns = FluxObject.Namespace(obj);
        var name = FluxObject.Name(obj);
        progress.Action($"applying {kind.Kind} {name} in {ns} namespace");
        await ApplyAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        progress.Success($"{kind.Kind} created");
        if (!kind.HasStatus || !wait)
        {
            return ExitCodes.Success;
        }

        var ready = await new Reconciliation(resource, kind, ns, name, progress, TimeProvider.System).WaitAsync(null, _waitTimeout ? parse.GetValue(Timeout) : TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        return ready ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task ApplyAsync(ResourceClient resource, JsonObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await resource.ApplyAsync(obj, new WriteOptions { FieldManager = FieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            throw new CommandException($"{obj["kind"]} {FluxObject.Namespace(obj)}/{FluxObject.Name(obj)}: namespace '{FluxObject.Namespace(obj)}' not found; create it with `kubectl create namespace {FluxObject.Namespace(obj)}` or run `gyre install`");
        }
    }
}
