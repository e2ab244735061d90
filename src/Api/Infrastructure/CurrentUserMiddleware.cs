using System.Reflection;
using System.Security.Claims;
using NodaTime;
using Wolverine.Http;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Gives an endpoint the caller as a <see cref="CurrentUser"/> parameter, read once from the token, instead of
/// each handler rebuilding it from the <see cref="ClaimsPrincipal"/>.</summary>
public static class CurrentUserMiddleware
{
    public static CurrentUser Before(ClaimsPrincipal principal) => CurrentUser.From(principal);
}

/// <summary>The instant a request is handled and the commune's date at that instant, read once from the injected clock.</summary>
public sealed record Moment(Instant At, LocalDate Today);

/// <summary>Gives an endpoint a <see cref="Moment"/> parameter instead of each handler rebuilding today from the clock and zone.</summary>
public static class MomentMiddleware
{
    public static Moment Before(IClock clock, CommuneSettings commune)
    {
        var now = clock.GetCurrentInstant();
        return new Moment(now, now.InZone(commune.Zone).Date);
    }
}

public static class EndpointParameters
{
    /// <summary>Whether the endpoint asks for a <typeparamref name="T"/> (in its handler, <c>Load</c> or <c>Validate</c>), so only
    /// those pay for the middleware that makes it.</summary>
    public static bool AsksFor<T>(HttpChain chain) =>
        chain.Method.HandlerType.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(T)));
}
