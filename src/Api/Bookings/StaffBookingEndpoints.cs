using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Requests;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Projections.Pending;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

/// <summary>A family's request waiting for staff; <c>FamilyName</c> and <c>ChildName</c> (the child it is about) so the list reads without a lookup.</summary>
public sealed record PendingRequest(Guid RequestId, Guid FamilyId, RequestType Type, Instant At, JsonElement Data, string FamilyName = "", string? ChildName = null);

public sealed record PendingList(IReadOnlyList<PendingReservation> Reservations, IReadOnlyList<PendingRequest> Requests);

public sealed record DecideReservation(Guid InscriptionId, LocalDate Date, string Unit, string Decision, string? Reason = null);

public sealed record ReservationDecided(Outcome Outcome, CellState State);

public static class PendingEndpoint
{
    public static ProblemDetails Validate(int? page, int? pageSize)
    {
        var errors = new Errors();
        Paging.Parse(page, pageSize, errors);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>What waits for staff, oldest first: booking and cancellation requests of manually validated
    /// activities, and the families' requests (demandes).</summary>
    [WolverineGet("/api/staff/pending"), Tags("Réservations")]
    [EndpointSummary("Ce qui attend une décision")]
    [EndpointDescription("Agents. Les demandes des familles et les réservations et annulations à valider.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<PendingList>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<PendingList> Get(int? page, int? pageSize, IQuerySession session, RulesLoader rulesLoader, Moment moment,
        HttpResponse response, CancellationToken cancellation)
    {
        var paging = Paging.Parse(page, pageSize, new Errors());
        // A page holds the oldest requests and the pending days of as many inscriptions; each total in its own header.
        var withPending = session.Query<Inscription>().Where(i => i.PendingCount > 0);
        Paging.Total(response, await withPending.CountAsync(cancellation), "X-Total-Count-Inscriptions");
        var inscriptions = await withPending.OrderBy(i => i.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellation);
        var families = inscriptions.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, inscriptions.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        var rules = new Dictionary<string, DayRules?>();
        foreach (var code in inscriptions.Select(i => i.ActivityCode).Distinct()) rules[code] = await rulesLoader.ForAsync(code, cancellation);
        var pending = PendingReservations.From(inscriptions, i => rules[i.ActivityCode],
            i => families.GetValueOrDefault(i.FamilyId)?.ChildById(i.ChildId)?.FullName ?? "", moment.At);
        var pendingRequests = session.Query<Domain.Requests.FamilyRequest>().Where(r => r.Status == Domain.Requests.RequestStatus.Pending);
        Paging.Total(response, await pendingRequests.CountAsync(cancellation), "X-Total-Count-Requests");
        var requests = await pendingRequests.OrderBy(r => r.At).ThenBy(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellation);
        var askers = requests.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, requests.Select(r => r.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        var requestData = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        requestData.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return new PendingList(pending, requests.OrderBy(r => r.At)
            .Select(r => new PendingRequest(r.Id, r.FamilyId, r.Type, r.At, JsonSerializer.SerializeToElement(r.Data, requestData),
                askers.GetValueOrDefault(r.FamilyId) is { } f ? $"{f.LastName} {f.FirstName}" : "",
                r.Data.ChildId is { } child ? askers.GetValueOrDefault(r.FamilyId)?.ChildById(child)?.FullName : null)).ToList());
    }
}

public static class DecideReservationEndpoint
{
    /// <summary>By the body's id (the empty id names none: Marten refuses it).</summary>
    public static async Task<Inscription?> LoadAsync(DecideReservation command, IQuerySession session, CancellationToken cancellation) =>
        command.InscriptionId == Guid.Empty ? null : await session.LoadAsync<Inscription>(command.InscriptionId, cancellation);

    public static ProblemDetails Validate(DecideReservation command, [NotBody] Inscription? inscription) =>
        inscription is null ? InscriptionAccess.Missing : Problems.InvalidDetails(StaffDecision.Check(command.Decision, command.Reason));

    /// <summary>Accepts (a seat if one is free, else the waitlist) or refuses a pending request.</summary>
    [WolverinePost("/api/staff/reservations/decisions"), Tags("Réservations")]
    [EndpointSummary("Décider une réservation à valider")]
    [EndpointDescription("Agents. Accepter (dans la limite des places, sinon liste d'attente) ou refuser, avec un motif ; la famille est prévenue.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ReservationDecided>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404),
     ProducesResponseType<ProblemDetails>(409)]
    public static Task<IResult> Post(DecideReservation command, [NotBody] Inscription inscription,
        BookingDesk desk, CurrentUser user, CancellationToken cancellation) =>
        desk.AnswerAsync<ChangeOutcome>(new StaffDecisionWork(inscription.Id, command.Date, command.Unit,
                StaffDecision.Accepts(command.Decision), command.Reason, user.Actor),
            outcome => outcome is null
                ? Problems.Conflict("Cette case n'a pas de demande en attente (déjà décidée, retirée, ou sa date limite est passée).")
                : Results.Ok(new ReservationDecided(outcome.Outcome, outcome.State)), cancellation);
}
