using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Projections.Pending;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

/// <summary>Accept every request waiting on one day of an activity (one unit, or all).</summary>
public sealed record AcceptDay(LocalDate Date, string ActivityCode, string? Unit = null);

public sealed record DayDecision(Guid InscriptionId, string ChildName, LocalDate Date, string Unit, BookingAction Action, Outcome Outcome, CellState State);

public sealed record DayDecisions(IReadOnlyList<DayDecision> Results);

public static class BulkDecisionEndpoint
{
    public static Task<Activity?> LoadAsync(AcceptDay command, IQuerySession session, CancellationToken cancellation) =>
        Activities.ActivityLookup.LoadAsync(session, command.ActivityCode, cancellation);

    public static ProblemDetails Validate(AcceptDay command, [NotBody] Activity? activity) =>
        activity is null ? Activities.ActivityLookup.NoSuchActivity
        : Problems.InvalidDetails(new Errors().Require(command.Unit is null || activity.Units.Contains(command.Unit), "unit",
            "Cette unité n'existe pas dans l'activité."));

    /// <summary>The mairie accepts a day's requests in one go, first asked first seated; a full day sends the rest to the waitlist.</summary>
    [WolverinePost("/api/staff/reservations/decisions/day"), Tags("Réservations")]
    [EndpointSummary("Accepter toutes les demandes d'un jour")]
    [EndpointDescription("Agents. Accepte, dans l'ordre où elles ont été faites, toutes les demandes de réservation et d'annulation en attente " +
                         "pour ce jour, cette activité et, si elle est donnée, cette unité : même règle qu'une à une (dans la limite des places, " +
                         "puis liste d'attente), en une seule transaction ; chaque famille est prévenue. Une réponse par case ; aucune case " +
                         "en attente : liste vide.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<DayDecisions>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Post(AcceptDay command, [NotBody] Activity activity, IQuerySession session, RulesLoader rulesLoader, BookingDesk desk,
        IClock clock, [NotBody] CurrentUser user, CancellationToken cancellation)
    {
        var inscriptions = await session.Query<Inscription>()
            .Where(i => i.PendingCount > 0 && i.ActivityCode == activity.Code).ToListAsync(cancellation);
        var families = inscriptions.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, inscriptions.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        var rules = await rulesLoader.ForAsync(activity.Code, cancellation);
        var waiting = PendingReservations.From(inscriptions, _ => rules,
                i => families.GetValueOrDefault(i.FamilyId)?.ChildById(i.ChildId)?.FullName ?? "", clock.GetCurrentInstant())
            .Where(p => p.Date == command.Date && (command.Unit is null || p.Unit == command.Unit)).ToList();
        if (waiting.Count == 0) return Results.Ok(new DayDecisions([]));

        var by = user.Actor;
        var work = new StaffDecisionsWork(waiting.Select(p => new StaffDecisionWork(p.InscriptionId, p.Date, p.Unit, true, null, by)).ToList());
        return await desk.AnswerAsync<List<ChangeOutcome?>>(work, outcomes => Results.Ok(new DayDecisions(waiting.Zip(outcomes ?? [])
            .Where(pair => pair.Second is not null)
            .Select(pair => new DayDecision(pair.First.InscriptionId, pair.First.ChildName, pair.First.Date, pair.First.Unit, pair.First.Action,
                pair.Second!.Outcome, pair.Second.State)).ToList())), cancellation);
    }
}
