using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Wolverine;
using Wolverine.Http;

namespace PortailFamille.Api.Families;

public static class ResendActivationEndpoint
{
    public static Task<Account?> LoadAsync(Guid familyId, IDocumentSession session, CancellationToken cancellation) =>
        session.Query<Account>().FirstOrDefaultAsync(a => a.FamilyId == familyId, cancellation);

    public static ProblemDetails Validate([NotBody] Account? account) =>
        account is null ? FamilyProblems.NoSuchFamily
        : account.Active ? Problems.ConflictDetails("Ce compte est déjà activé : la famille peut utiliser « mot de passe oublié ».")
        : WolverineContinue.NoProblems;

    /// <summary>E-mails a new activation link; the previous one stops working.</summary>
    [WolverinePost("/api/staff/families/{familyId}/activation"), Tags("Familles")]
    [EndpointSummary("Renvoyer le lien d'activation")]
    [EndpointDescription("Agents. Un nouveau lien part à l'adresse de la famille ; les liens précédents ne marchent plus.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(202), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<(IResult, OutgoingMessages)> Post(Guid familyId, [NotBody] Account account, IDocumentSession session,
        CancellationToken cancellation) =>
        (Results.Accepted(), [await AccountService.NewActivationMailAsync(session, account, cancellation)]);
}
