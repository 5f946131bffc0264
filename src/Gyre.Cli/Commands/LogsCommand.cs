using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre logs`: the controllers' JSON logs (written by `gyre up` under its data directory, or by
/// `gyre controller --log-encoding json` wherever its stderr goes), filtered by kind, name, namespace and level.
/// </summary>
internal static class LogsCommand
{
    private static readonly string[] Levels = ["debug", "info", "warning", "error"];

    public static Command Create(CliConsole console)
    {
        var file = new Option<FileInfo?>("--file") { Description = "The JSON log file (default: the newest gyre up log under ~/.local/state/gyre/up)" };
        var kind = new Option<string?>("--kind") { Description = "Only lines about this kind, e.g. Kustomization" };
        var name = new Option<string?>("--name") { Description = "Only lines about objects with this name" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Only lines about objects in this namespace" };
        var level = new Option<string?>("--level") { Description = "Minimum level: debug, info, warning or error" };
        level.AcceptOnlyFromAmong(Levels);
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var tail = new Option<int>("--tail") { Description = "Only the last N matching lines (-1: all)", DefaultValueFactory = _ => -1 };
        var command = new Command("logs", """
            Show the controllers' logs

            Examples:
              gyre logs --kind Kustomization --name apps --level error
              gyre logs --follow
              gyre controller --log-encoding json 2> controller.log & gyre logs --file controller.log -f
            """)
        {
            file, kind, name, ns, level, follow, tail,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)?.FullName ?? NewestUpLog()
                ?? throw new CommandException("logs: no log file found; run `gyre up` first, or pass --file with the output of `gyre controller --log-encoding json`");
            if (!File.Exists(path))
            {
                throw new CommandException($"logs: {path}: file not found; pass the file `gyre controller --log-encoding json` writes to");
            }

            var filter = new LogFilter(parse.GetValue(kind), parse.GetValue(name), parse.GetValue(ns), Array.IndexOf(Levels, parse.GetValue(level) ?? "debug"));
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = new List<string>();
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (filter.Format(line) is { } text)
                {
                    lines.Add(text);
                }
            }

            var count = parse.GetValue(tail);
            foreach (var text in count >= 0 ? lines.TakeLast(count) : lines)
            {
                await console.Out.WriteLineAsync(text).ConfigureAwait(false);
            }

            if (parse.GetValue(follow))
            {
                await FollowAsync(console, reader, filter, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task FollowAsync(CliConsole console, StreamReader reader, LogFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (filter.Format(line) is { } text)
                    {
                        await console.Out.WriteLineAsync(text).ConfigureAwait(false);
                        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await Task.Delay(250, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static string? NewestUpLog()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var root = Path.Combine(state, "gyre", "up");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "controllers.log", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }

    /// <summary>Matches one JSON log line against the filters and formats it as "time level logger: message".</summary>
    private sealed class LogFilter(string? kind, string? name, string? ns, int minimumLevel)
    {
        public string? Format(string line)
        {
            JsonObject? entry;
            try
            {
                entry = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }

            if (entry is null)
            {
                return null;
            }

            var message = (string?)entry["msg"] ?? string.Empty;
            var request = (string?)entry["Request"] ?? string.Empty;
            var level = (string?)entry["level"] ?? "info";
            var levelIndex = level switch { "debug" or "trace" => 0, "information" or "info" => 1, "warning" or "warn" => 2, _ => 3 };
            var matches = levelIndex >= minimumLevel
                && (kind is null || string.Equals((string?)entry["Kind"], kind, StringComparison.OrdinalIgnoreCase) || message.StartsWith(kind + " ", StringComparison.OrdinalIgnoreCase))
                && (name is null || (string?)entry["Name"] == name || request.EndsWith("/" + name, StringComparison.Ordinal))
                && (ns is null || (string?)entry["Namespace"] == ns || request.StartsWith(ns + "/", StringComparison.Ordinal));
            return matches ? $"{(string?)entry["ts"]} {level} {(string?)entry["logger"]}: {message}{((string?)entry["error"] is { } error ? " error=" + error : string.Empty)}" : null;
        }
    }
}
