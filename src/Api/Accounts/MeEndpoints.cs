using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

/// <summary>The logged-in account; <c>today</c> is the commune's date on the application clock (front ends default to it).</summary>
public sealed record Me(Guid AccountId, string Email, string Role, Guid? FamilyId, NodaTime.LocalDate Today);

public sealed record ChangePassword(string CurrentPassword, string NewPassword);

public static class MeEndpoints
{
    [WolverineGet("/api/me"), Tags("Comptes")]
    [EndpointSummary("Mon compte de connexion")]
    [EndpointDescription("Connectés. Identifiant, adresse, rôle, famille et la date du jour de la commune.")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType<Me>(200)]
    public static async Task<IResult> Get(ClaimsPrincipal principal, IQuerySession session, NodaTime.IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var account = await session.LoadAsync<Account>(CurrentUser.From(principal).AccountId, cancellation);
        return account is null ? Problems.NotFound()
            : Results.Ok(new Me(account.Id, account.Email, account.Role, account.FamilyId, Dates.Today(clock, commune.Zone)));
    }

    [WolverinePut("/api/me/password"), Tags("Comptes")]
    [EndpointSummary("Changer son mot de passe")]
    [EndpointDescription("Connectés. Le mot de passe actuel et le nouveau ; toutes les sessions se ferment ensuite.")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType(204)]
    public static async Task<IResult> ChangePassword(ChangePassword command, ClaimsPrincipal principal, IDocumentSession session,
        NodaTime.IClock clock, CancellationToken cancellation)
    {
        var account = await session.LoadAsync<Account>(CurrentUser.From(principal).AccountId, cancellation);
        if (account?.PasswordHash is not { } hash) return Problems.NotFound();
        if (command.CurrentPassword.Length > AccountRules.MaxPasswordLength
            || AccountService.Hasher.VerifyHashedPassword(account, hash, command.CurrentPassword) == PasswordVerificationResult.Failed)
            return Problems.Invalid("currentPassword", "Le mot de passe actuel est incorrect.");
        if (!AccountRules.MeetsPolicy(command.NewPassword)) return Problems.Invalid("newPassword", AccountRules.PasswordPolicy);
        account.PasswordHash = AccountService.Hasher.HashPassword(account, command.NewPassword);
        // Every session ends, this one too: the portal logs in again with the new password.
        AccountService.EndSessions(session, account, SessionEndReason.PasswordChanged, CurrentUser.From(principal).Actor, clock.GetCurrentInstant());
        return Results.NoContent();
    }
}
