using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Gyre.Cli.Up;

/// <summary>
/// Writes controller logs as JSON lines to a file, so `gyre up` keeps the terminal for its progress view and the
/// logs stay readable afterwards (one object per line: time, level, category, message, structured fields).
/// </summary>
internal sealed class JsonFileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly object _gate = new();
    private readonly LogLevel _minimum;

    public JsonFileLoggerProvider(string path, LogLevel minimum)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _minimum = minimum;
        FilePath = path;
    }

    public string FilePath { get; }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(string category, LogLevel level, string message, IReadOnlyList<KeyValuePair<string, object?>>? fields, Exception? exception)
    {
        var entry = new Dictionary<string, object?>
        {
            ["ts"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["level"] = level.ToString().ToLowerInvariant(),
            ["logger"] = category,
            ["msg"] = message,
        };
        foreach (var (key, value) in fields ?? [])
        {
            if (key != "{OriginalFormat}")
            {
                entry[key] = value?.ToString();
            }
        }

        if (exception is not null)
        {
            entry["error"] = exception.Message;
        }

        var line = JsonSerializer.Serialize(entry);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class FileLogger(JsonFileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>>, exception);
            }
        }
    }
}
