using System.Reflection;
using System.Security.Claims;
using Wolverine.Http;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Gives an endpoint the caller as a <see cref="CurrentUser"/> parameter, read once from the token, instead of
/// each handler rebuilding it from the <see cref="ClaimsPrincipal"/>.</summary>
public static class CurrentUserMiddleware
{
    public static CurrentUser Before(ClaimsPrincipal principal) => CurrentUser.From(principal);

    /// <summary>Only the endpoints that ask for it (in the handler, <c>Load</c> or <c>Validate</c>) pay for it.</summary>
    public static bool AsksForIt(HttpChain chain) =>
        chain.Method.HandlerType.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(CurrentUser)));
}
