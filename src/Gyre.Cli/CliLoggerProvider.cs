using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Gyre.Cli;

/// <summary>
/// Writes controller logs to the CLI's error stream, one line each: "console" for people, "json" (Flux's
/// --log-encoding=json shape: level, ts, logger, msg and the structured fields) for log pipelines.
/// </summary>
internal sealed class CliLoggerProvider(TextWriter output, bool json, LogLevel minimum, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string line;
        if (json)
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["level"] = level.ToString().ToLowerInvariant(),
                ["ts"] = now,
                ["logger"] = category,
                ["msg"] = message,
            };
            foreach (var (key, value) in fields.Where(f => f.Key != "{OriginalFormat}"))
            {
                record[char.ToLowerInvariant(key[0]) + key[1..]] = value?.ToString();
            }

            line = JsonSerializer.Serialize(record);
        }
        else
        {
            line = $"{now} {level,-11} {category}: {message}";
        }

        lock (_gate)
        {
            output.WriteLine(line);
        }
    }

    private sealed class Logger(CliLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            provider.Write(logLevel, category, formatter(state, exception), fields);
        }
    }

    private LogLevel Minimum => minimum;
}
