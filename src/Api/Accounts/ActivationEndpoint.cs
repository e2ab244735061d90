using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public sealed record Activate(string Token, string Password);

public static class ActivationEndpoint
{
    [WolverinePost("/api/auth/activation"), AllowAnonymous, Tags("Comptes")]
    [EndpointSummary("Activer son compte")]
    [EndpointDescription("Public. Le jeton du lien reçu par courriel et le mot de passe choisi (12 caractères au moins). Un lien utilisé, expiré ou révoqué : 400.")]
    [ProducesResponseType(204), ProducesResponseType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(400)]
    public static async Task<IResult> Post(Activate command, IDocumentSession session, IClock clock, CancellationToken cancellation) =>
        await PasswordSetting.ConsumeAsync(session, command.Token, TokenPurposes.Activation, command.Password, clock, cancellation,
            "Ce lien d'activation est invalide, expiré ou déjà utilisé. Demandez un nouveau lien à la mairie.");
}

/// <summary>Activation and reset both end by a single-use token setting a password that meets the policy.</summary>
public static class PasswordSetting
{

    public static async Task<IResult> ConsumeAsync(IDocumentSession session, string token, string purpose, string password,
        IClock clock, CancellationToken cancellation, string badTokenDetail)
    {
        var now = clock.GetCurrentInstant();
        var stored = await AccountService.FindUsableTokenAsync(session, token, purpose, now, cancellation);
        var account = stored is null ? null : await session.LoadAsync<Account>(stored.AccountId, cancellation);
        if (stored is null || account is null || account.Deactivated) return Problems.Invalid("token", badTokenDetail);
        if (!AccountRules.MeetsPolicy(password)) return Problems.Invalid("password", AccountRules.PasswordPolicy);

        stored.UsedAt = now;
        account.PasswordHash = AccountService.Hasher.HashPassword(account, password);
        account.Active = true;
        session.Store(stored);
        // A reset ends the sessions of whoever knew the old password.
        if (purpose == TokenPurposes.PasswordReset)
            AccountService.EndSessions(session, account, SessionEndReason.PasswordReset, account.Actor, now);
        else
            session.Store(account);
        return Results.NoContent();
    }
}
