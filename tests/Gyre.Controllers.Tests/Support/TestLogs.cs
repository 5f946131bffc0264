using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Tests.Support;

/// <summary>Keeps the controllers' log lines so a failing test can show what the reconcilers said.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public string Tail(int count = 40) => string.Join('\n', _lines.TakeLast(count));

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}");
            while (lines.Count > 2000)
            {
                lines.TryDequeue(out _);
            }
        }
    }
}
