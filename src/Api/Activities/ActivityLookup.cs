using JasperFx.Events;
using Marten;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Activities;

namespace PortailFamille.Api.Activities;

/// <summary>An activity found by its code (its stream id derives from it); a malformed code finds nothing.</summary>
public static class ActivityLookup
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NoSuchActivity => Problems.NotFoundDetails("Aucune activité avec ce code.");

    public static Microsoft.AspNetCore.Mvc.ProblemDetails NoActivityCoded(string code) => Problems.NotFoundDetails($"Aucune activité de code {code}.");

    public static async Task<Activity?> LoadAsync(IQuerySession session, string? code, CancellationToken cancellation) =>
        ActivityRules.IsCode(code) ? await session.LoadAsync<Activity>(Activity.StreamIdFor(code!), cancellation) : null;

    public static async Task<IEventStream<Activity>?> FetchForWritingAsync(IDocumentSession session, string? code, CancellationToken cancellation) =>
        ActivityRules.IsCode(code) ? await session.Events.FetchForWriting<Activity>(Activity.StreamIdFor(code!), cancellation) : null;
}
