using System.CommandLine;
using System.Runtime.InteropServices;
using Gyre.LocalCluster;

namespace Gyre.Cli.Commands;

/// <summary>`gyre cluster start`: runs the local Kubernetes-compatible control plane in the foreground.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("cluster", "Run a local Kubernetes-compatible API server for development, CI and tests\n\nExample:\n  gyre cluster start --data ./.cluster");
        command.Subcommands.Add(CreateStart(console));
        return command;
    }

    private static Command CreateStart(CliConsole console)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory (database, certificates, kubeconfig)", Required = true };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 6443 };
        var noSimulator = new Option<bool>("--no-simulator") { Description = "Do not simulate workload status (Deployments stay unobserved)" };
        var delay = new Option<TimeSpan>("--simulator-delay") { Description = "How long simulated workloads take to become ready", DefaultValueFactory = _ => TimeSpan.FromMilliseconds(500) };
        var command = new Command(
            "start",
            "Start the local cluster in the foreground; writes DIR/kubeconfig and stops on SIGINT/SIGTERM.\n\n" +
            "Example:\n  gyre cluster start --data ./.cluster --port 6443\n  kubectl --kubeconfig ./.cluster/kubeconfig get namespaces")
        {
            data, port, noSimulator, delay,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new LocalClusterOptions
            {
                DataDirectory = parse.GetValue(data)!.FullName,
                Port = parse.GetValue(port),
                EnableWorkloadSimulator = !parse.GetValue(noSimulator),
                SimulatorDelay = parse.GetValue(delay),
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            await using var server = await LocalClusterServer.StartAsync(options, stop.Token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"local cluster ready at {server.BaseUrl} (kubeconfig: {server.KubeconfigPath})").ConfigureAwait(false);
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await console.Out.WriteLineAsync("local cluster stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
