using System.Text;

namespace PortailFamille.Api.Infrastructure;

public static class PortalEnvironments
{
    /// <summary>The name the integration tests' host runs under.</summary>
    public const string Testing = "Testing";

    /// <summary>
    /// Only Development and the test host may use the development key, the PayFiP simulator, <c>Clock__Now</c>,
    /// demo data and automatic schema changes; every other name (Staging, Recette, Production…) fails closed.
    /// </summary>
    public static bool AllowsDevelopmentSettings(this IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment(Testing);
}

/// <summary>Refuses to start outside Development and Testing with development conveniences on or real settings missing.</summary>
public static class StartupGuard
{
    public const int MinimumKeyBytes = 32;

    public static void Check(IConfiguration config, IHostEnvironment env)
    {
        if (env.AllowsDevelopmentSettings()) return;
        var problems = Problems(config).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException($"Refusing to start in {env.EnvironmentName}: " + string.Join(" ", problems));
    }

    /// <summary>What a non-development environment lacks, judged on the values as the application binds them.</summary>
    public static IEnumerable<string> Problems(IConfiguration config)
    {
        if (!string.IsNullOrWhiteSpace(config["Clock:Now"]))
            yield return "Clock__Now is only allowed in Development and Testing.";
        var jwt = config.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        var key = (jwt.SigningKey ?? "").Trim();
        if (key == JwtSettings.DevelopmentKey || Encoding.UTF8.GetByteCount(key) < MinimumKeyBytes)
            yield return $"Jwt__SigningKey must be a key of your own of at least {MinimumKeyBytes} bytes.";
        var payfip = config.GetSection("PayFiP").Get<PayFiPSettings>() ?? new PayFiPSettings();
        if (!IsHttps(payfip.ServiceUrl) || !IsHttps(payfip.PaymentUrl) || IsSimulator(payfip.ServiceUrl) || IsSimulator(payfip.PaymentUrl))
            yield return "PayFiP__ServiceUrl and PayFiP__PaymentUrl must be https addresses of PayFiP, not the simulator.";
        if (payfip.Saisie?.Trim() is not ("X" or "W"))
            yield return "PayFiP__Saisie must be X (activation) or W (production).";
        var portal = config.GetSection("Portal").Get<PortalSettings>() ?? new PortalSettings();
        if (!IsHttps(portal.PublicUrl))
            yield return "Portal__PublicUrl must be the portal's https address (links in e-mails, PayFiP's return).";
        var mail = config.GetSection("Mail").Get<MailSettings>() ?? new MailSettings();
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
            yield return "Mail__Smtp__Host must name the SMTP server.";
        if ((config.GetSection("Demo").Get<DemoSettings>() ?? new DemoSettings()).Seed)
            yield return "Demo__Seed must be off.";
    }

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);

    private static bool IsSimulator(string? url) => url?.Contains("/payfip-simulator", StringComparison.OrdinalIgnoreCase) == true;
}
