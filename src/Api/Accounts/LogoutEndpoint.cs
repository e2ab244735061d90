using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public static class LogoutEndpoint
{
    /// <summary>Ends the account's sessions on the server: this token and every other one issued before it are refused.</summary>
    [WolverinePost("/api/auth/logout"), Tags("Comptes")]
    [Authorize(Roles = Roles.Anyone)]
    [EndpointSummary("Se déconnecter")]
    [EndpointDescription("Ferme les sessions du compte sur le serveur : ce jeton et tous ceux émis avant lui sont refusés (401) ensuite, sur tous les appareils.")]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(401)]
    public static async Task<IResult> Post(ClaimsPrincipal principal, IDocumentSession session, IClock clock, CancellationToken cancellation)
    {
        var user = CurrentUser.From(principal);
        if (await session.LoadAsync<Account>(user.AccountId, cancellation) is not { } account) return Problems.Unauthorized("Session déjà fermée.");
        AccountService.EndSessions(session, account, SessionEndReason.Logout, user.Actor, clock.GetCurrentInstant());
        return Results.NoContent();
    }
}
