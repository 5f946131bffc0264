using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Sources.Semver;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create image policy`: an ImagePolicy choosing the latest tag of an ImageRepository, with flux's flags.</summary>
internal static class CreateImagePolicyCommand
{
    public static Command Create(CliConsole console)
    {
        var imageRef = new Option<string>("--image-ref") { Description = "The ImageRepository, [namespace/]name", Required = true };
        var semver = new Option<string?>("--select-semver") { Description = "A semver range; the highest matching tag is selected" };
        var alpha = new Option<string?>("--select-alpha") { Description = "Alphabetical order: asc or desc; the last tag in that order is selected" };
        var numeric = new Option<string?>("--select-numeric") { Description = "Numerical order: asc or desc; the last tag in that order is selected" };
        var filterRegex = new Option<string?>("--filter-regex") { Description = "Only tags matching this regular expression are considered" };
        var filterExtract = new Option<string?>("--filter-extract") { Description = "Replacement (e.g. $ts) extracting the part of the tag the policy compares" };
        var reflect = new Option<string>("--reflect-digest") { Description = "Reflect the image digest: Never, IfNotPresent or Always", DefaultValueFactory = _ => "Never" };
        var command = new Command("policy", """
            Create or update an ImagePolicy that selects the latest tag of an ImageRepository, as `flux create image policy`

            Examples:
              gyre create image policy podinfo --image-ref=podinfo --select-semver='>=6.0.0'
              gyre create image policy app --image-ref=app --select-numeric=asc --filter-regex='^main-[a-f0-9]+-(?P<ts>[0-9]+)' --filter-extract='$ts' --export
            """)
        {
            imageRef, semver, alpha, numeric, filterRegex, filterExtract, reflect,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var spec = new JsonObject();
            var digest = parse.GetValue(reflect)!;
            if (digest is not ("Never" or "IfNotPresent" or "Always"))
            {
                throw new CommandException($"--reflect-digest '{digest}': use Never, IfNotPresent or Always", ExitCodes.Usage);
            }

            if (digest != "Never")
            {
                spec["digestReflectionPolicy"] = digest;
            }

            var (pattern, extract) = (parse.GetValue(filterRegex), parse.GetValue(filterExtract));
            if (!string.IsNullOrEmpty(extract) && string.IsNullOrEmpty(pattern))
            {
                throw new CommandException("--filter-extract needs --filter-regex: it names groups of that expression", ExitCodes.Usage);
            }

            if (!string.IsNullOrEmpty(pattern))
            {
                // Go's (?P<name>…) groups are .NET's (?<name>…).
                var regex = ImageName.ValidateRegex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), "--filter-regex");
                var filter = new JsonObject();
                if (!string.IsNullOrEmpty(extract))
                {
                    foreach (var group in System.Text.RegularExpressions.Regex.Matches(extract, @"\$\{?(\w+)\}?").Select(m => m.Groups[1].Value))
                    {
                        if (!regex.GetGroupNames().Contains(group, StringComparer.Ordinal))
                        {
                            throw new CommandException($"--filter-extract '{extract}': the expression has no group '{group}'", ExitCodes.Usage);
                        }
                    }

                    filter["extract"] = extract;
                }

                filter["pattern"] = pattern;
                spec["filterTags"] = filter;
            }

            var reference = parse.GetValue(imageRef)!.Split('/', 2);
            spec["imageRepositoryRef"] = reference.Length == 2
                ? new JsonObject { ["name"] = reference[1], ["namespace"] = reference[0] }
                : new JsonObject { ["name"] = reference[0] };
            var explicitInterval = parse.GetResult(options.Interval) is { Implicit: false };
            if (digest == "Always")
            {
                spec["interval"] = options.IntervalText(parse);
            }
            else if (explicitInterval)
            {
                throw new CommandException("--interval applies to an ImagePolicy only with --reflect-digest Always", ExitCodes.Usage);
            }

            spec["policy"] = Policy(parse.GetValue(semver), parse.GetValue(alpha), parse.GetValue(numeric));
            return options.ExportOrApplyAsync(parse, console, FluxKinds.ImagePolicy, options.NewObject(parse, FluxKinds.ImagePolicy, spec), wait: true, cancellationToken);
        });
        return command;
    }

    private static JsonObject Policy(string? semver, string? alpha, string? numeric)
    {
        if (new[] { semver, alpha, numeric }.Count(v => !string.IsNullOrEmpty(v)) != 1)
        {
            throw new CommandException("give exactly one of --select-semver, --select-alpha and --select-numeric", ExitCodes.Usage);
        }

        if (!string.IsNullOrEmpty(semver))
        {
            try
            {
                SemverConstraint.Parse(semver);
            }
            catch (FormatException ex)
            {
                throw new CommandException($"--select-semver '{semver}': not a semver range: {ex.Message}", ExitCodes.Usage);
            }

            return new JsonObject { ["semver"] = new JsonObject { ["range"] = semver } };
        }

        var (key, flag, order) = !string.IsNullOrEmpty(alpha) ? ("alphabetical", "--select-alpha", alpha) : ("numerical", "--select-numeric", numeric!);
        return order is "asc" or "desc"
            ? new JsonObject { [key] = new JsonObject { ["order"] = order } }
            : throw new CommandException($"{flag} '{order}': use asc or desc", ExitCodes.Usage);
    }
}
