using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Projections.Planning;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record WaitlistPlace(LocalDate Date, string Unit, int Position);

/// <summary>An inscription the caller may see, with its activity's rules (null when the activity is gone).</summary>
public sealed record VisibleInscription(Inscription Inscription, DayRules? Rules);

public static class VisibleInscriptions
{
    public static async Task<VisibleInscription?> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, RulesLoader rules,
        CancellationToken cancellation) =>
        await InscriptionAccess.LoadAsync(session, id, user, cancellation) is { } inscription
            ? new VisibleInscription(inscription, await rules.ForAsync(inscription.ActivityCode, cancellation))
            : null;
}

public static class PlanningEndpoint
{
    public static Task<VisibleInscription?> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, RulesLoader rules,
        CancellationToken cancellation) => VisibleInscriptions.LoadAsync(id, user, session, rules, cancellation);

    public static ProblemDetails Validate(string? month, [NotBody] VisibleInscription? visible)
    {
        if (visible is null) return InscriptionAccess.Missing;
        var errors = new Errors();
        Dates.ParseMonth(month, "month", errors);
        return errors.Any ? Problems.InvalidDetails(errors)
            : visible.Rules is null ? Problems.NotFoundDetails("L'activité de cette inscription n'existe plus.")
            : WolverineContinue.NoProblems;
    }

    /// <summary>The monthly grid: every day, closed or not and why, and each unit's state and whether it can be changed now.</summary>
    [WolverineGet("/api/inscriptions/{id}/planning"), Tags("Réservations")]
    [EndpointSummary("Le planning du mois")]
    [EndpointDescription("Parents (leurs inscriptions ; autre famille : 404) et agents. Chaque jour : ouvert ou fermé et pourquoi, l'état de chaque unité, s'il peut encore changer et s'il est facturé.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType<PlanningMonth>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static PlanningMonth Get(string? month, [NotBody] VisibleInscription visible, Moment moment) =>
        PlanningGrid.Build(visible.Inscription, visible.Rules!, Dates.ParseMonth(month, "month", new Errors())!.Value, moment.At);
}

public static class WaitlistEndpoint
{
    public static Task<VisibleInscription?> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, RulesLoader rules,
        CancellationToken cancellation) => VisibleInscriptions.LoadAsync(id, user, session, rules, cancellation);

    public static ProblemDetails Validate([NotBody] VisibleInscription? visible) => visible is null ? InscriptionAccess.Missing : WolverineContinue.NoProblems;

    /// <summary>The days this inscription waits for, with its place in each queue.</summary>
    [WolverineGet("/api/inscriptions/{id}/waitlist"), Tags("Réservations")]
    [EndpointSummary("Ma liste d'attente")]
    [EndpointDescription("Parents, pour leurs propres inscriptions (autre famille : 404) : les jours en attente et la position dans chaque file.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<WaitlistPlace[]>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<List<WaitlistPlace>> Get(Guid id, [NotBody] VisibleInscription visible, CommuneDatabase dataSource, Moment moment,
        CancellationToken cancellation)
    {
        var places = await SeatLedgerStore.PositionsAsync(dataSource.Source, id, cancellation);
        // A queue place past its cut-off has expired, even before the sweep removes it.
        return places.Where(p => visible.Rules is { } rules && moment.At < rules.BookingCutOff(p.Date))
            .Select(p => new WaitlistPlace(p.Date, p.Unit, p.Position)).ToList();
    }
}
