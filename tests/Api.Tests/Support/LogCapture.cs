using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Tests.Support;

/// <summary>Keeps every log line the API writes, formatted exactly as its console writes them (PortalLog).</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void Clear() => Lines.Clear();

    public void Dispose() { }

    private sealed class Capturing(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Lines.Enqueue(PortalLog.Format(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), DateTimeOffset.UtcNow));
    }
}
