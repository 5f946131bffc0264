using System.CommandLine;
using System.Runtime.InteropServices;
using Gyre.Api.Meta;
using Gyre.Cli.Up;

namespace Gyre.Cli.Commands;

/// <summary>`gyre up`: the whole GitOps loop on one machine (see <see cref="UpRunner"/>).</summary>
internal static class UpCommand
{
    public static Command Create(CliConsole console)
    {
        var repository = new Argument<string?>("REPO_DIR") { Description = "A Git repository; its committed HEAD is what gets applied (default: the example fleet)", Arity = ArgumentArity.ZeroOrOne };
        var path = new Option<string?>("--path") { Description = "Directory in the repository the flux-system Kustomization applies (default: the root; clusters/development for the example fleet)" };
        var data = new Option<string?>("--data") { Description = "Where the local cluster, artifacts and logs live (default: ~/.local/state/gyre/up/<repository>)" };
        var port = new Option<int>("--port") { Description = "Local cluster port on 127.0.0.1 (0 picks a free one)" };
        var once = new Option<bool>("--once") { Description = "Exit when everything is Ready (exit 0) or something failed (exit 1)" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Use this cluster instead of starting the local one" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use" };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "With --once, how long to wait for Ready (Go duration: 90s, 5m, 1h)",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (GoDuration.TryParse(text, out var value))
                {
                    return value;
                }

                result.AddError($"--timeout '{text}' is not a duration; use Go's form, e.g. 90s, 5m, 1h30m");
                return default;
            },
        };
        var command = new Command(
            "up",
            "Run the whole GitOps loop locally: cluster, Git source, controllers, live status\n\n" +
            "Examples:\n" +
            "  gyre up                                   # the example fleet, development cluster\n" +
            "  gyre up --path clusters/production        # another environment of the example fleet\n" +
            "  gyre up ~/src/home-ops --path clusters/home --once\n" +
            "  gyre up . --kubeconfig ~/.kube/config --context kind-dev")
        {
            repository, path, data, port, once, kubeconfig, context, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new UpOptions
            {
                Repository = parse.GetValue(repository),
                Path = parse.GetValue(path),
                DataDirectory = parse.GetValue(data),
                Port = parse.GetValue(port),
                Once = parse.GetValue(once),
                Kubeconfig = parse.GetValue(kubeconfig),
                Context = parse.GetValue(context),
                Timeout = parse.GetValue(timeout),
                Interactive = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected && !parse.GetValue(once),
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            try
            {
                return await new UpRunner(options, console).RunAsync(stop.Token).ConfigureAwait(false);
            }
            catch (UpException ex)
            {
                await console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
