using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;
using Wolverine;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public sealed record RequestPasswordReset(string Email);

public sealed record ConfirmPasswordReset(string Token, string NewPassword);

public static class PasswordResetEndpoints
{
    /// <summary>Always 202, so the answer never tells whether an address has an account.</summary>
    [WolverinePost("/api/auth/password-reset"), AllowAnonymous, Tags("Comptes")]
    [EndpointSummary("Demander un lien de réinitialisation")]
    [EndpointDescription("Public. Toujours 202, que l'adresse existe ou non ; le lien, valable une heure, part par courriel.")]
    [ProducesResponseType(202)]
    public static async Task<(IResult, OutgoingMessages)> Request(RequestPasswordReset command, IDocumentSession session, CancellationToken cancellation) =>
        command.Email is { Length: <= 254 } && await AccountService.FindByEmailAsync(session, command.Email, cancellation) is { Deactivated: false } account
            ? (Results.Accepted(), [new AccountLinkMail(account.Id, TokenPurposes.PasswordReset, account.Email)])
            : (Results.Accepted(), []);
}

public static class ConfirmPasswordResetEndpoint
{
    private const string BadLink = "Ce lien de réinitialisation est invalide, expiré ou déjà utilisé. Faites une nouvelle demande.";

    public static Task<LinkHolder> LoadAsync(ConfirmPasswordReset command, IDocumentSession session, Moment moment, CancellationToken cancellation) =>
        PasswordSetting.LoadAsync(session, command.Token, TokenPurposes.PasswordReset, moment.At, cancellation);

    public static Microsoft.AspNetCore.Mvc.ProblemDetails Validate(ConfirmPasswordReset command, LinkHolder link) =>
        PasswordSetting.Check(link, command.NewPassword, BadLink);

    [WolverinePost("/api/auth/password-reset/confirm"), AllowAnonymous, Tags("Comptes")]
    [EndpointSummary("Choisir un nouveau mot de passe avec le lien")]
    [EndpointDescription("Public. Le jeton du lien et le nouveau mot de passe ; les sessions ouvertes se ferment.")]
    [ProducesResponseType(204), ProducesResponseType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(400)]
    public static IResult Post(ConfirmPasswordReset command, [NotBody] LinkHolder link, IDocumentSession session, Moment moment)
    {
        PasswordSetting.Set(session, link, TokenPurposes.PasswordReset, command.NewPassword, moment.At);
        return Results.NoContent();
    }
}
