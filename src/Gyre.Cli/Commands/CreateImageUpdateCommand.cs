using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create image update`: an ImageUpdateAutomation committing policy updates to a GitRepository, with flux's flags.</summary>
internal static class CreateImageUpdateCommand
{
    public static Command Create(CliConsole console)
    {
        var gitRepo = new Option<string>("--git-repo-ref") { Description = "The GitRepository to update", Required = true };
        var gitNamespace = new Option<string?>("--git-repo-namespace") { Description = "The GitRepository's namespace (default: the automation's)" };
        var path = new Option<string?>("--git-repo-path") { Description = "Path in the repository whose files are updated (default: the root)" };
        var checkout = new Option<string?>("--checkout-branch") { Description = "Branch to check out (default: the GitRepository's ref)" };
        var push = new Option<string?>("--push-branch") { Description = "Branch to push to (default: the checkout branch)" };
        var authorName = new Option<string>("--author-name") { Description = "Name of the commits' author", Required = true };
        var authorEmail = new Option<string>("--author-email") { Description = "Email of the commits' author", Required = true };
        var template = new Option<string?>("--commit-template") { Description = "Go template for the commit message" };
        var command = new Command("update", """
            Create or update an ImageUpdateAutomation that commits image updates to Git, as `flux create image update`

            Example:
              gyre create image update flux-system --git-repo-ref=flux-system --git-repo-path=./clusters/my-cluster \
                --checkout-branch=main --push-branch=image-updates --author-name=flux --author-email=flux@example.com \
                --commit-template="{{range .Changed.Changes}}{{print .OldValue}} -> {{println .NewValue}}{{end}}"
            """)
        {
            gitRepo, gitNamespace, path, checkout, push, authorName, authorEmail, template,
        };
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var email = parse.GetValue(authorEmail)!;
            if (!email.Contains('@', StringComparison.Ordinal))
            {
                throw new CommandException($"--author-email '{email}': not an email address", ExitCodes.Usage);
            }

            var git = new JsonObject();
            if (parse.GetValue(checkout) is { Length: > 0 } branch)
            {
                git["checkout"] = new JsonObject { ["ref"] = new JsonObject { ["branch"] = branch } };
            }

            var commit = new JsonObject { ["author"] = new JsonObject { ["email"] = email, ["name"] = parse.GetValue(authorName) } };
            if (parse.GetValue(template) is { Length: > 0 } message)
            {
                commit["messageTemplate"] = message;
            }

            git["commit"] = commit;
            if (parse.GetValue(push) is { Length: > 0 } pushBranch)
            {
                git["push"] = new JsonObject { ["branch"] = pushBranch };
            }

            var source = new JsonObject { ["kind"] = "GitRepository", ["name"] = parse.GetValue(gitRepo) };
            if (parse.GetValue(gitNamespace) is { Length: > 0 } ns)
            {
                source["namespace"] = ns;
            }

            var update = new JsonObject();
            if (parse.GetValue(path) is { Length: > 0 } updatePath)
            {
                update["path"] = updatePath;
            }

            update["strategy"] = "Setters";
            var spec = new JsonObject { ["git"] = git, ["interval"] = options.IntervalText(parse), ["sourceRef"] = source, ["update"] = update };
            return options.ExportOrApplyAsync(parse, console, FluxKinds.ImageUpdateAutomation, options.NewObject(parse, FluxKinds.ImageUpdateAutomation, spec), wait: true, cancellationToken);
        });
        return command;
    }
}
