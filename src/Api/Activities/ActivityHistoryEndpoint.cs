using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using Wolverine.Http;

namespace PortailFamille.Api.Activities;

public sealed record ActivityChange(long Sequence, Instant At, string By, string Type, string Description);

public sealed record TariffGridView(LocalDate EffectiveFrom, Instant RecordedAt, TariffDto[] Tariffs);

public sealed record ActivityHistory(string Code, IReadOnlyList<ActivityChange> Changes, IReadOnlyList<TariffGridView> TariffGrids);

public static class ActivityHistoryEndpoint
{
    public static Task<Activity?> LoadAsync(string code, IQuerySession session, CancellationToken cancellation) =>
        ActivityLookup.LoadAsync(session, code, cancellation);

    public static ProblemDetails Validate(string code, [NotBody] Activity? activity) => activity is null
        ? ActivityLookup.NoSuchActivity
        : WolverineContinue.NoProblems;

    /// <summary>Every rule the activity had, when and by whom it changed: the answer to "which capacity was in force that day?".</summary>
    [WolverineGet("/api/staff/activities/{code}/history"), Tags("Activités")]
    [EndpointSummary("Historique des règles d'une activité")]
    [EndpointDescription("Agents. Chaque changement de l'activité, du plus ancien au plus récent : création, capacités, délais et tarifs, " +
                         "avec son instant, son auteur (staff:{id}, system) et une phrase en français ; et chaque grille de tarifs avec la " +
                         "date à partir de laquelle elle s'applique.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ActivityHistory>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<ActivityHistory> Get([NotBody] Activity activity, IQuerySession session, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(activity.Id, token: cancellation);
        return new ActivityHistory(activity.Code,
            events.Select(e => new ActivityChange(e.Version, ByAndAt(e.Data).At, ByAndAt(e.Data).By, Audit.AuditEvents.Kebab(e.EventTypeName), ActivityChangeLog.Describe(e.Data))).ToList(),
            activity.TariffHistory.Select(g => new TariffGridView(g.EffectiveFrom, g.RecordedAt, g.Brackets.Select(TariffDto.From).ToArray())).ToList());
    }

    private static (string By, Instant At) ByAndAt(object fact) => fact switch
    {
        ActivityCreated e => (e.By.ToString(), e.At),
        CapacityChanged e => (e.By.ToString(), e.At),
        DeadlinesChanged e => (e.By.ToString(), e.At),
        TariffsChanged e => (e.By.ToString(), e.At),
        ValidationChanged e => (e.By.ToString(), e.At),
        _ => ("system", default),
    };
}
