using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Requests;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Requests;

public static class WithdrawRequestEndpoint
{
    public static ProblemDetails Validate([NotBody] FamilyRequest? request, CurrentUser user) =>
        request is null || request.FamilyId != user.FamilyId ? RequestProblems.NoSuchRequest
        : !request.IsPending ? Problems.ConflictDetails(RequestDecider.AlreadyDecided)
        : Wolverine.Http.WolverineContinue.NoProblems;

    /// <summary>Withdraws a pending request ("Supprimer"); a decided one cannot be withdrawn (409).</summary>
    [WolverineDelete("/api/requests/{requestId}"), Tags("Demandes")]
    [EndpointSummary("Retirer une demande en attente")]
    [EndpointDescription("Parents, pour leurs propres demandes (autre famille : 404). Une demande déjà décidée : 409.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Delete([WriteAggregate("requestId", Required = false)] FamilyRequest request, [NotBody] CurrentUser user, IClock clock) =>
        (Results.NoContent(), [.. RequestDecider.Withdraw(request, user.Actor, clock.GetCurrentInstant())]);
}

public static class RequestProblems
{
    public static ProblemDetails NoSuchRequest => Problems.NotFoundDetails("Aucune demande avec cet identifiant.");
}
