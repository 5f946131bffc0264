using System.CommandLine;

namespace Gyre.Cli.Flux;

/// <summary>
/// Builds a verb's per-kind subcommands the way flux lays them out: `VERB source git|oci|helm|chart` and
/// `VERB kustomization|helmrelease|alert|alert-provider|receiver`.
/// </summary>
internal static class KindCommands
{
    public static void AddTo(Command verb, IEnumerable<FluxKind> kinds, Func<FluxKind, Command> create)
    {
        Command? source = null;
        Command? image = null;
        foreach (var kind in kinds)
        {
            var command = create(kind);
            if (kind.IsImage)
            {
                if (image is null)
                {
                    image = new Command("image", $"{char.ToUpperInvariant(verb.Name[0])}{verb.Name[1..]} image automation objects: repository, policy, update\n\nExample:\n  gyre {verb.Name} image repository podinfo");
                    verb.Subcommands.Add(image);
                }

                image.Subcommands.Add(command);
            }
            else if (kind.IsSource)
            {
                if (source is null)
                {
                    source = new Command("source", $"{char.ToUpperInvariant(verb.Name[0])}{verb.Name[1..]} sources: git, oci, bucket, helm, chart\n\nExample:\n  gyre {verb.Name} source git flux-system");
                    verb.Subcommands.Add(source);
                }

                source.Subcommands.Add(command);
            }
            else
            {
                verb.Subcommands.Add(command);
            }
        }
    }

    /// <summary>A kind's subcommand named as flux names it (`git` under `source`, else `kustomization`), with the short aliases.</summary>
    public static Command Named(FluxKind kind, string description)
    {
        var command = new Command(kind.Command, description);
        foreach (var alias in kind.IsSource || kind.IsImage ? [] : kind.Aliases.Where(a => a.Length <= 3))
        {
            command.Aliases.Add(alias);
        }

        return command;
    }
}
