using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Infrastructure;

/// <summary>The caller, as the bearer token says.</summary>
public sealed record CurrentUser(Guid AccountId, string Role, Guid? FamilyId)
{
    public Actor Actor => Role == Roles.Parent ? Actor.Parent(AccountId) : Actor.Staff(AccountId);

    public static CurrentUser From(ClaimsPrincipal principal) => new(
        Guid.Parse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub)!),
        principal.FindFirstValue("role")!,
        Guid.TryParse(principal.FindFirstValue("familyId"), out var familyId) ? familyId : null);
}

public sealed class TokenIssuer(JwtSettings settings, IClock clock)
{
    /// <summary>The account's session version when the token was issued; a raised version refuses the token.</summary>
    public const string SessionVersionClaim = "sv";

    /// <summary>A token for the account, valid only on its commune's host names.</summary>
    public (string Token, Instant ExpiresAt) Issue(Account account, string communeId)
    {
        var now = clock.GetCurrentInstant();
        var expires = now + AccountRules.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = account.Id.ToString(),
            ["role"] = account.Role,
            // The user name Wolverine relays to messages and Marten sessions: the same "who" as the events' By.
            ["actor"] = account.Actor.ToString(),
            [SessionVersionClaim] = account.SessionVersion,
            [CurrentCommune.Claim] = communeId,
        };
        if (account.FamilyId is { } familyId) claims["familyId"] = familyId.ToString();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Issuer,
            Claims = claims,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = expires.ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public static SymmetricSecurityKey SigningKey(JwtSettings settings) => new(Encoding.UTF8.GetBytes(settings.SigningKey));
}

public static class SecuritySetup
{
    public static void AddPortalSecurity(this IServiceCollection services, JwtSettings jwt)
    {
        services.AddSingleton(jwt);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // Token lifetimes are judged by the application clock, like every other instant.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IClock>((options, clock) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = JwtSettings.Issuer,
                ValidAudience = JwtSettings.Issuer,
                IssuerSigningKey = TokenIssuer.SigningKey(jwt),
                RoleClaimType = "role",
                NameClaimType = "actor",
                ValidateLifetime = true,
                LifetimeValidator = (notBefore, expires, _, _) =>
                {
                    var now = clock.GetCurrentInstant().ToDateTimeUtc();
                    return expires is { } exp && now < exp && (notBefore is not { } nbf || nbf <= now);
                },
            };
            // A well-signed token still fails once its session ended (logout, password or e-mail change,
            // deactivation, erasure), or on another commune's host: 401 like any other bad token.
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    if (principal.FindFirstValue(CurrentCommune.Claim) is not { } commune || commune != CurrentCommune.Of(context.HttpContext)?.Id)
                        context.Fail("Another commune's token.");
                    else if (!Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var accountId)
                        || !int.TryParse(principal.FindFirstValue(TokenIssuer.SessionVersionClaim), out var version)
                        || !context.HttpContext.RequestServices.GetRequiredService<Accounts.SessionVersions>().IsCurrent(commune, accountId, version))
                        context.Fail("Session ended.");
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}

/// <summary>401 and 403 as problem details, like every other error.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            await Results.Problem(statusCode: 401, title: "Non authentifié",
                detail: "Vous devez vous connecter pour accéder à cette ressource.").ExecuteAsync(context);
            return;
        }
        if (result.Forbidden)
        {
            await Results.Problem(statusCode: 403, title: "Accès refusé",
                detail: "Votre compte n'a pas accès à cette fonction.").ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
