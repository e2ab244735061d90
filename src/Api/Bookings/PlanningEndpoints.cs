using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Projections.Planning;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record WaitlistPlace(LocalDate Date, string Unit, int Position);

public static class PlanningEndpoints
{
    /// <summary>The monthly grid: every day, closed or not and why, and each unit's state and whether it can be changed now.</summary>
    [WolverineGet("/api/inscriptions/{id}/planning"), Tags("Réservations")]
    [EndpointSummary("Le planning du mois")]
    [EndpointDescription("Parents (leurs inscriptions ; autre famille : 404) et agents. Chaque jour : ouvert ou fermé et pourquoi, l'état de chaque unité, s'il peut encore changer et s'il est facturé.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType<PlanningMonth>(200)]
    public static async Task<IResult> Planning(Guid id, string? month, ClaimsPrincipal principal, IQuerySession session, RulesLoader rules,
        IClock clock, CancellationToken cancellation)
    {
        var inscription = await InscriptionAccess.LoadAsync(session, id, principal, cancellation);
        if (inscription is null) return Problems.NotFound(InscriptionAccess.NotFound);
        var errors = new Errors();
        var parsed = Dates.ParseMonth(month, "month", errors);
        if (errors.Any) return Problems.Invalid(errors);
        var dayRules = await rules.ForAsync(inscription.ActivityCode, cancellation);
        if (dayRules is null) return Problems.NotFound("L'activité de cette inscription n'existe plus.");
        return Results.Ok(PlanningGrid.Build(inscription, dayRules, parsed!.Value, clock.GetCurrentInstant()));
    }

    /// <summary>The days this inscription waits for, with its place in each queue.</summary>
    [WolverineGet("/api/inscriptions/{id}/waitlist"), Tags("Réservations")]
    [EndpointSummary("Ma liste d'attente")]
    [EndpointDescription("Parents, pour leurs propres inscriptions (autre famille : 404) : les jours en attente et la position dans chaque file.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<WaitlistPlace[]>(200)]
    public static async Task<IResult> Waitlist(Guid id, ClaimsPrincipal principal, IQuerySession session, RulesLoader rules,
        CommuneDatabase dataSource, IClock clock, CancellationToken cancellation)
    {
        var inscription = await InscriptionAccess.LoadAsync(session, id, principal, cancellation);
        if (inscription is null) return Problems.NotFound(InscriptionAccess.NotFound);
        var dayRules = await rules.ForAsync(inscription.ActivityCode, cancellation);
        var now = clock.GetCurrentInstant();
        var places = await SeatLedgerStore.PositionsAsync(dataSource.Source, id, cancellation);
        // A queue place past its cut-off has expired, even before the sweep removes it.
        return Results.Ok(places.Where(p => dayRules is not null && now < dayRules.BookingCutOff(p.Date))
            .Select(p => new WaitlistPlace(p.Date, p.Unit, p.Position)).ToList());
    }
}
