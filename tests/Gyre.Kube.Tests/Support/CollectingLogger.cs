using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gyre.Kube.Tests.Support;

/// <summary>Keeps every log line, so tests can show what the component said.</summary>
public sealed class CollectingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");

    public override string ToString() => string.Join("\n", Lines);
}
