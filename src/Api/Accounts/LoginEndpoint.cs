using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public sealed record Login(string Email, string Password);

public sealed record LoggedIn(string AccessToken, Instant ExpiresAt, string Role, Guid? FamilyId);

public static class LoginEndpoint
{
    private const string WrongPair = "Adresse e-mail ou mot de passe incorrect.";

    /// <summary>
    /// Same answer whether the address exists or not, after the same work; the attempt is counted before the
    /// password is checked, and the 11th within 15 minutes of the first is refused (429) without a check.
    /// </summary>
    [WolverinePost("/api/auth/login"), AllowAnonymous, Tags("Comptes")]
    [EndpointSummary("Se connecter")]
    [EndpointDescription("Public. Adresse e-mail et mot de passe : un jeton d'accès (2 heures). Erreur : 401 sans dire si l'adresse existe ; 10 essais faux par adresse en 15 minutes, puis 429.")]
    [ProducesResponseType<LoggedIn>(200), ProducesResponseType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(400), ProducesResponseType<Microsoft.AspNetCore.Mvc.ProblemDetails>(401)]
    public static async Task<IResult> Post(Login command, IQuerySession session, LoginThrottle throttle, PasswordChecks passwords,
        IClock clock, TokenIssuer tokens, HttpContext http, CancellationToken cancellation)
    {
        if (command.Email.Length > 254 || command.Password.Length > AccountRules.MaxPasswordLength)
            return Problems.Unauthorized(WrongPair);
        var email = FamilyRules.NormalizeEmail(command.Email);
        if (await throttle.CountAttemptAsync(email, clock.GetCurrentInstant(), cancellation) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return Results.Problem(statusCode: 429, title: "Trop de tentatives",
                detail: "Trop de tentatives de connexion pour cette adresse. Réessayez dans quelques minutes.");
        }

        var account = await AccountService.FindByEmailAsync(session, email, cancellation);
        if (!passwords.Verify(account, command.Password)) return Problems.Unauthorized(WrongPair);
        await throttle.ClearAsync(email, cancellation);
        var (token, expires) = tokens.Issue(account!, CurrentCommune.Of(http)!.Id);
        return Results.Ok(new LoggedIn(token, expires, account!.Role, account.FamilyId));
    }
}
