using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record ChangeDto(LocalDate Date, string Unit, string Action);

public sealed record RequestReservations(ChangeDto[] Changes);

public sealed record ReservationResult(LocalDate Date, string Unit, string Outcome, string? Reason, string State);

public sealed record ReservationResults(IReadOnlyList<ReservationResult> Results);

public static class ReservationEndpoint
{
    public const int MaxChanges = 200;

    /// <summary>
    /// A month of changes (book, cancel, withdraw) decided together in one transaction, in the order given:
    /// one result per change, refused ones included. Staff may act for any inscription; the events record who.
    /// </summary>
    [WolverinePost("/api/inscriptions/{id}/reservations"), Tags("Réservations")]
    [EndpointSummary("Réserver, annuler ou retirer des jours")]
    [EndpointDescription("Parents (autre famille : 404) et agents. Jusqu'à 200 changements décidés ensemble : date limite, places, liste d'attente ; un résultat par changement, refus compris et pourquoi.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType<ReservationResults>(200)]
    public static async Task<IResult> Post(Guid id, RequestReservations request, ClaimsPrincipal principal, IQuerySession session,
        BookingDesk desk, CancellationToken cancellation)
    {
        var errors = new Errors()
            .Require(request.Changes.Length > 0, "changes", "Indiquez au moins un changement.")
            .Require(request.Changes.Length <= MaxChanges, "changes", $"Une demande ne peut pas dépasser {MaxChanges} changements.")
            .Require(request.Changes.DistinctBy(c => (c.Date, c.Unit)).Count() == request.Changes.Length, "changes",
                "Un même jour et une même unité ne peuvent figurer qu'une fois dans une demande.")
            .Require(request.Changes.All(c => BookingActions.All.Contains(c.Action)), "changes", "L'action doit être « book », « cancel » ou « withdraw ».")
            .Require(request.Changes.All(c => c.Unit is { Length: > 0 and <= 40 }), "changes", "L'unité est obligatoire (40 caractères au plus).");
        // 404 comes before 400: a bad request is only told so when the inscription is the caller's.
        if (errors.Any)
            return await InscriptionAccess.LoadAsync(session, id, principal, cancellation) is null
                ? Problems.NotFound(InscriptionAccess.NotFound) : Problems.Invalid(errors);

        // A valid request's ownership is checked by the desk, which loads the inscription anyway.
        var user = CurrentUser.From(principal);
        var changes = request.Changes.Select(c => new Change(c.Date, c.Unit, c.Action)).ToList();
        return await desk.AnswerAsync<IReadOnlyList<ChangeOutcome>>(
            new ReserveWork(id, changes, user.Actor, user.Role == Roles.Staff ? null : user.FamilyId ?? Guid.Empty),
            outcomes => outcomes is null
                ? Problems.NotFound(InscriptionAccess.NotFound)
                : Results.Ok(new ReservationResults(outcomes.Select(o => new ReservationResult(o.Date, o.Unit, o.Outcome, o.Reason, o.State)).ToList())),
            cancellation);
    }
}
