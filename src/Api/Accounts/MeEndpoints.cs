using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

/// <summary>The logged-in account; <c>today</c> is the commune's date on the application clock (front ends default to it).</summary>
public sealed record Me(Guid AccountId, string Email, string Role, Guid? FamilyId, NodaTime.LocalDate Today);

public sealed record ChangePassword(string CurrentPassword, string NewPassword);

/// <summary>The caller's own account: a token whose account is gone (erased family) finds nothing.</summary>
public static class OwnAccount
{
    public static Task<Account?> LoadAsync(IQuerySession session, CurrentUser user, CancellationToken cancellation) =>
        session.LoadAsync<Account>(user.AccountId, cancellation);

    public static ProblemDetails Missing => Problems.NotFoundDetails("Ressource introuvable.");
}

public static class MeEndpoint
{
    public static Task<Account?> LoadAsync(CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        OwnAccount.LoadAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Account? account) => account is null ? OwnAccount.Missing : WolverineContinue.NoProblems;

    [WolverineGet("/api/me"), Tags("Comptes")]
    [EndpointSummary("Mon compte de connexion")]
    [EndpointDescription("Connectés. Identifiant, adresse, rôle, famille et la date du jour de la commune.")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType<Me>(200), ProducesResponseType<ProblemDetails>(404)]
    public static Me Get([NotBody] Account account, Moment moment) => new(account.Id, account.Email, account.Role, account.FamilyId, moment.Today);
}

public static class ChangePasswordEndpoint
{
    public static Task<Account?> LoadAsync(CurrentUser user, IDocumentSession session, CancellationToken cancellation) =>
        OwnAccount.LoadAsync(session, user, cancellation);

    public static ProblemDetails Validate(ChangePassword command, [NotBody] Account? account) =>
        account?.PasswordHash is not { } hash ? OwnAccount.Missing
        : command.CurrentPassword.Length > AccountRules.MaxPasswordLength
          || AccountService.Hasher.VerifyHashedPassword(account, hash, command.CurrentPassword) == PasswordVerificationResult.Failed
            ? Problems.InvalidDetails(new Errors().Add("currentPassword", "Le mot de passe actuel est incorrect."), "Le mot de passe actuel est incorrect.")
        : !AccountRules.MeetsPolicy(command.NewPassword)
            ? Problems.InvalidDetails(new Errors().Add("newPassword", AccountRules.PasswordPolicy), AccountRules.PasswordPolicy)
        : WolverineContinue.NoProblems;

    [WolverinePut("/api/me/password"), Tags("Comptes")]
    [EndpointSummary("Changer son mot de passe")]
    [EndpointDescription("Connectés. Le mot de passe actuel et le nouveau ; toutes les sessions se ferment ensuite.")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static IResult Put(ChangePassword command, [NotBody] Account account, IDocumentSession session, CurrentUser user, Moment moment)
    {
        account.PasswordHash = AccountService.Hasher.HashPassword(account, command.NewPassword);
        // Every session ends, this one too: the portal logs in again with the new password.
        AccountService.EndSessions(session, account, SessionEndReason.PasswordChanged, user.Actor, moment.At);
        return Results.NoContent();
    }
}
