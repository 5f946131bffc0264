using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create source git`: a GitRepository following a branch, tag, semver range or commit.</summary>
internal static class CreateSourceGitCommand
{
    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "Git URL (https://, ssh:// or http://)", Required = true };
        var branch = new Option<string?>("--branch") { Description = "Branch to follow (default: master when no other ref is given, as flux)" };
        var tag = new Option<string?>("--tag") { Description = "Tag to check out" };
        var semver = new Option<string?>("--tag-semver") { Description = "Semver range the newest matching tag is picked from" };
        var commit = new Option<string?>("--commit") { Description = "Commit SHA to check out" };
        var secret = new Option<string?>("--secret-ref") { Description = "Secret with the Git credentials" };
        var ignore = new Option<string[]>("--ignore-paths") { Description = "Paths to leave out of the artifact (.sourceignore syntax; repeatable)" };
        var command = new Command("git", """
            Create or update a GitRepository source

            Examples:
              gyre create source git podinfo --url https://github.com/stefanprodan/podinfo --branch master
              gyre create source git podinfo --url https://github.com/stefanprodan/podinfo --tag-semver ">=6.0.0" --export
            """)
        {
            url, branch, tag, semver, commit, secret, ignore,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var reference = new JsonObject();
            Set(reference, "branch", parse.GetValue(branch));
            Set(reference, "tag", parse.GetValue(tag));
            Set(reference, "semver", parse.GetValue(semver));
            Set(reference, "commit", parse.GetValue(commit));
            if (reference.Count == 0)
            {
                reference["branch"] = "master";
            }

            var spec = new JsonObject { ["interval"] = options.IntervalText(parse), ["ref"] = reference, ["url"] = parse.GetValue(url) };
            if (parse.GetValue(secret) is { } secretName)
            {
                spec["secretRef"] = new JsonObject { ["name"] = secretName };
            }

            if (parse.GetValue(ignore) is { Length: > 0 } paths)
            {
                spec["ignore"] = string.Join('\n', paths);
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.GitRepository, options.NewObject(parse, FluxKinds.GitRepository, spec), wait: true, cancellationToken);
        });
        return command;
    }

    internal static void Set(JsonObject target, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[key] = value;
        }
    }
}
