using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Marten;
using Marten.Services;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Why something happened: the request (or schedule) it belongs to, and the one that caused it.</summary>
public sealed record Causation(string CorrelationId, string CausationId)
{
    private static readonly AsyncLocal<Causation?> Ambient = new();

    /// <summary>The cause of the work running on this async flow (an HTTP request, a scheduled message), if any.</summary>
    public static Causation? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}

/// <summary>
/// Gives each HTTP request its cause: the caller's <c>X-Correlation-Id</c> when it sends a sensible one (so a front
/// end can follow one action through), otherwise the trace identifier; the causation is the request itself.
/// The correlation id is echoed in the response.
/// </summary>
public sealed partial class CorrelationMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex Acceptable();

    public async Task InvokeAsync(HttpContext context)
    {
        var sent = context.Request.Headers[Header].ToString();
        var correlation = Acceptable().IsMatch(sent) ? sent : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        Causation.Current = new Causation(correlation, $"http:{context.TraceIdentifier}");
        context.Response.Headers[Header] = correlation;
        await next(context);
    }
}

/// <summary>
/// Stamps every event before it is saved with who caused it (the <c>By</c> every portal event carries, as Marten's
/// user name) and why (correlation and causation ids: the event's own, else the session's, else the ambient cause).
/// </summary>
public sealed class EventMetadataListener : DocumentSessionListenerBase
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ByProperty = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var ambient = Causation.Current;
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        {
            e.UserName ??= ByProperty.GetOrAdd(e.Data.GetType(), t => t.GetProperty("By"))?.GetValue(e.Data)?.ToString() ?? "system";
            e.CorrelationId ??= session.CorrelationId ?? ambient?.CorrelationId ?? "none";
            e.CausationId ??= session.CausationId ?? ambient?.CausationId ?? "none";
        }
        return Task.CompletedTask;
    }
}
