using System.CommandLine;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Flux;

/// <summary>`NAME...` or `--all`: the objects a suspend, resume, delete or export works on.</summary>
internal sealed class TargetNames
{
    public Argument<string[]> Names { get; } = new("NAME") { Description = "Object names", Arity = ArgumentArity.ZeroOrMore };

    public Option<bool> All { get; } = new("--all") { Description = "Every object of the kind in the namespace" };

    public static TargetNames AddTo(Command command)
    {
        var target = new TargetNames();
        command.Arguments.Add(target.Names);
        command.Options.Add(target.All);
        return target;
    }

    public async Task<IReadOnlyList<string>> ResolveAsync(ParseResult parse, ResourceClient resource, FluxKind kind, string? ns, string verb, CancellationToken cancellationToken)
    {
        var names = parse.GetValue(Names) ?? [];
        var all = parse.GetValue(All);
        if (names.Length > 0 == all)
        {
            throw new CommandException($"{verb} {kind.CliName}: give either NAME or --all; e.g. `gyre {verb} {kind.CliName} NAME -n flux-system`", ExitCodes.Usage);
        }

        if (!all)
        {
            return names;
        }

        var objects = await FluxResources.ListAsync(resource, ns, null, cancellationToken).ConfigureAwait(false);
        return objects.Select(FluxObject.Name).ToList();
    }
}
