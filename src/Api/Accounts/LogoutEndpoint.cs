using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public static class LogoutEndpoint
{
    public static Task<Account?> LoadAsync(CurrentUser user, IDocumentSession session, CancellationToken cancellation) =>
        OwnAccount.LoadAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Account? account) =>
        account is null ? new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Non authentifié", Detail = "Session déjà fermée." }
            : WolverineContinue.NoProblems;

    /// <summary>Ends the account's sessions on the server: this token and every other one issued before it are refused.</summary>
    [WolverinePost("/api/auth/logout"), Tags("Comptes")]
    [Authorize(Roles = Roles.Anyone)]
    [EndpointSummary("Se déconnecter")]
    [EndpointDescription("Ferme les sessions du compte sur le serveur : ce jeton et tous ceux émis avant lui sont refusés (401) ensuite, sur tous les appareils.")]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(401)]
    public static IResult Post([NotBody] Account account, IDocumentSession session, [NotBody] CurrentUser user, [NotBody] Moment moment)
    {
        AccountService.EndSessions(session, account, SessionEndReason.Logout, user.Actor, moment.At);
        return Results.NoContent();
    }
}
