using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record ChangeDto(LocalDate Date, string Unit, string Action);

public sealed record RequestReservations(ChangeDto[] Changes)
{
    public IReadOnlyList<ChangeAsked> Asked() => [.. Changes.Select(c => new ChangeAsked(c.Date, c.Unit, c.Action))];
}

public sealed record ReservationResult(LocalDate Date, string Unit, Outcome Outcome, RefusalReason? Reason, CellState State);

public sealed record ReservationResults(IReadOnlyList<ReservationResult> Results);

public static class ReservationEndpoint
{
    public const int MaxChanges = ChangeRequests.MaxChanges;

    /// <summary>404 comes before 400: a bad request is only told so when the inscription is the caller's. A valid request's
    /// ownership is checked by the desk, which loads the inscription anyway.</summary>
    public static async Task<ProblemDetails> ValidateAsync(Guid id, RequestReservations request, [NotBody] CurrentUser user, IQuerySession session,
        CancellationToken cancellation) =>
        ChangeRequests.Check(request.Asked()) is not { Any: true } errors ? WolverineContinue.NoProblems
        : await InscriptionAccess.LoadAsync(session, id, user, cancellation) is null ? InscriptionAccess.Missing
        : Problems.InvalidDetails(errors);

    /// <summary>
    /// A month of changes (book, cancel, withdraw) decided together in one transaction, in the order given:
    /// one result per change, refused ones included. Staff may act for any inscription; the events record who.
    /// </summary>
    [WolverinePost("/api/inscriptions/{id}/reservations"), Tags("Réservations")]
    [EndpointSummary("Réserver, annuler ou retirer des jours")]
    [EndpointDescription("Parents (autre famille : 404) et agents. Jusqu'à 200 changements décidés ensemble : date limite, places, liste d'attente ; un résultat par changement, refus compris et pourquoi.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType<ReservationResults>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> Post(Guid id, RequestReservations request, [NotBody] CurrentUser user, BookingDesk desk, CancellationToken cancellation) =>
        desk.AnswerAsync<IReadOnlyList<ChangeOutcome>>(
            new ReserveWork(id, ChangeRequests.Read(request.Asked()), user.Actor, user.Role == Roles.Staff ? null : user.FamilyId ?? Guid.Empty),
            outcomes => outcomes is null
                ? Problems.NotFound(InscriptionAccess.NotFound)
                : Results.Ok(new ReservationResults(outcomes.Select(o => new ReservationResult(o.Date, o.Unit, o.Outcome, o.Reason, o.State)).ToList())),
            cancellation);
}
