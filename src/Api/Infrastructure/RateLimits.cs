using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// Requests allowed per minute (<c>RateLimits__…</c>). Per client address for what anyone may call, sized for the
/// hundreds of people a mairie's office or a mobile operator's NAT puts behind one address; per account, strict,
/// for what a logged-in parent sends.
/// </summary>
public sealed class RateLimitSettings
{
    public int LoginPerAddress { get; set; } = 100;
    /// <summary>Activation and reset confirmations (a password chosen from an e-mailed link).</summary>
    public int LinkPerAddress { get; set; } = 60;
    public int PasswordResetPerAddress { get; set; } = 60;
    public int PasswordChangePerAddress { get; set; } = 60;
    public int PayFiPNotificationPerAddress { get; set; } = 600;
    public int RequestsPerAddress { get; set; } = 100;
    public int BookingsPerAccount { get; set; } = 60;
    public int RequestsPerAccount { get; set; } = 10;
}

/// <summary>ASP.NET Core's rate limiter on the routes that need one; 429 problem+json in French with Retry-After.</summary>
public static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Route templates (as mapped) and the settings limiting them, per client address.</summary>
    private static readonly Dictionary<string, Func<RateLimitSettings, int>> PerAddress = new()
    {
        ["POST /api/auth/login"] = s => s.LoginPerAddress,
        ["POST /api/auth/activation"] = s => s.LinkPerAddress,
        ["POST /api/auth/password-reset/confirm"] = s => s.LinkPerAddress,
        ["POST /api/auth/password-reset"] = s => s.PasswordResetPerAddress,
        ["PUT /api/me/password"] = s => s.PasswordChangePerAddress,
        ["POST /api/payfip/notification"] = s => s.PayFiPNotificationPerAddress,
        ["POST /api/requests"] = s => s.RequestsPerAddress,
    };

    private static readonly Dictionary<string, Func<RateLimitSettings, int>> PerAccount = new()
    {
        ["POST /api/inscriptions/{id}/reservations"] = s => s.BookingsPerAccount,
        ["POST /api/reservations/week-pattern"] = s => s.BookingsPerAccount,
        ["POST /api/requests"] = s => s.RequestsPerAccount,
    };

    /// <summary>Whether the route (method and template as mapped, e.g. "POST /api/auth/login") has a limit.</summary>
    public static bool Limits(string method, string template) =>
        PerAddress.ContainsKey($"{method} {template}") || PerAccount.ContainsKey($"{method} {template}");

    public static void AddPortalRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddSingleton(settings);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Limiter(PerAddress, settings, context => context.Connection.RemoteIpAddress?.ToString()),
                Limiter(PerAccount, settings, context => context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value));
            options.OnRejected = async (context, cancellation) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Trop de requêtes",
                    detail: $"Trop de requêtes en peu de temps. Réessayez dans {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} secondes.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>
    /// One fixed one-minute window per (route, key); routes without a rule, and requests without a key (no
    /// account on an anonymous call), are not limited here. The permit count is read when a window's partition
    /// is first made, so a settings change reaches new partitions.
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> Limiter(Dictionary<string, Func<RateLimitSettings, int>> rules,
        RateLimitSettings settings, Func<HttpContext, string?> keyOf) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var route = $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}";
            if (!rules.TryGetValue(route, out var limit) || keyOf(context) is not { } key) return RateLimitPartition.GetNoLimiter("");
            return RateLimitPartition.GetFixedWindowLimiter($"{route}|{key}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limit(settings)), Window = Window, QueueLimit = 0, AutoReplenishment = true,
            });
        });
}
