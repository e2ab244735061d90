using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>Same answer whether the address exists or not; 10 failures in 15 minutes lock the address (429).</summary>
    [WolverinePost("/api/auth/login"), AllowAnonymous, Tags("Comptes")]
    [ProducesResponseType<LoggedIn>(200)]
    public static async Task<IResult> Post(Login command, IDocumentSession session, IClock clock, TokenIssuer tokens,
        HttpContext http, CancellationToken cancellation)
    {
        if (command.Email.Length > 254 || command.Password.Length > AccountRules.MaxPasswordLength)
            return Problems.Unauthorized(WrongPair);
        var email = FamilyRules.NormalizeEmail(command.Email);
        var now = clock.GetCurrentInstant();
        var since = (now - AccountRules.LockoutWindow).ToUnixTimeMilliseconds();
        var failures = await session.Query<LoginFailure>().Where(f => f.Email == email && f.AtUnixMs > since)
            .Select(f => f.At).ToListAsync(cancellation);
        if (AccountRules.LockedFor(failures.ToList(), now) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return Results.Problem(statusCode: 429, title: "Trop de tentatives",
                detail: "Trop de tentatives de connexion pour cette adresse. Réessayez dans quelques minutes.");
        }

        var account = await AccountService.FindByEmailAsync(session, email, cancellation);
        if (account is { Active: true, PasswordHash: { } hash }
            && AccountService.Hasher.VerifyHashedPassword(account, hash, command.Password) != PasswordVerificationResult.Failed)
        {
            session.DeleteWhere<LoginFailure>(f => f.Email == email);
            var (token, expires) = tokens.Issue(account);
            return Results.Ok(new LoggedIn(token, expires, account.Role, account.FamilyId));
        }

        // Failures that left the window only ever count again if kept: drop them.
        session.DeleteWhere<LoginFailure>(f => f.Email == email && f.AtUnixMs <= since);
        session.Store(new LoginFailure { Id = Guid.NewGuid(), Email = email, At = now, AtUnixMs = now.ToUnixTimeMilliseconds() });
        return Problems.Unauthorized(WrongPair);
    }
}
