using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public sealed record Activate(string Token, string Password);

public static class ActivationEndpoint
{
    private const string BadLink = "Ce lien d'activation est invalide, expiré ou déjà utilisé. Demandez un nouveau lien à la mairie.";

    public static Task<LinkHolder> LoadAsync(Activate command, IDocumentSession session, Moment moment, CancellationToken cancellation) =>
        PasswordSetting.LoadAsync(session, command.Token, TokenPurposes.Activation, moment.At, cancellation);

    public static ProblemDetails Validate(Activate command, LinkHolder link) => PasswordSetting.Check(link, command.Password, BadLink);

    [WolverinePost("/api/auth/activation"), AllowAnonymous, Tags("Comptes")]
    [EndpointSummary("Activer son compte")]
    [EndpointDescription("Public. Le jeton du lien reçu par courriel et le mot de passe choisi (12 caractères au moins). Un lien utilisé, expiré ou révoqué : 400.")]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400)]
    public static IResult Post(Activate command, [NotBody] LinkHolder link, IDocumentSession session, Moment moment)
    {
        PasswordSetting.Set(session, link, TokenPurposes.Activation, command.Password, moment.At);
        return Results.NoContent();
    }
}

/// <summary>A link's single-use token and its account, found when the token is usable (else both null).</summary>
public sealed record LinkHolder(OneTimeToken? Token, Account? Account);

/// <summary>Activation and reset both end by a single-use token setting a password that meets the policy.</summary>
public static class PasswordSetting
{
    public static async Task<LinkHolder> LoadAsync(IDocumentSession session, string? token, string purpose, Instant now, CancellationToken cancellation)
    {
        var stored = await AccountService.FindUsableTokenAsync(session, token, purpose, now, cancellation);
        var account = stored is null ? null : await session.LoadAsync<Account>(stored.AccountId, cancellation);
        return stored is null || account is null || account.Deactivated ? new LinkHolder(null, null) : new LinkHolder(stored, account);
    }

    public static ProblemDetails Check(LinkHolder link, string? password, string badTokenDetail) =>
        link.Account is null ? Problems.InvalidDetails(new Errors().Add("token", badTokenDetail), badTokenDetail)
        : !AccountRules.MeetsPolicy(password) ? Problems.InvalidDetails(new Errors().Add("password", AccountRules.PasswordPolicy), AccountRules.PasswordPolicy)
        : WolverineContinue.NoProblems;

    /// <summary>The token is used up, the password set and the account active; a reset also ends the sessions of whoever
    /// knew the old password.</summary>
    public static void Set(IDocumentSession session, LinkHolder link, string purpose, string password, Instant now)
    {
        var (stored, account) = (link.Token!, link.Account!);
        stored.UsedAt = now;
        account.PasswordHash = AccountService.Hasher.HashPassword(account, password);
        account.Active = true;
        session.Store(stored);
        if (purpose == TokenPurposes.PasswordReset)
            AccountService.EndSessions(session, account, SessionEndReason.PasswordReset, account.Actor, now);
        else
            session.Store(account);
    }
}
