namespace PortailFamille.Api.Infrastructure;

/// <summary>Refuses to start Production with development conveniences left on.</summary>
public static class StartupGuard
{
    public static void Check(IConfiguration config, IHostEnvironment env)
    {
        if (!env.IsProduction()) return;
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(config["Clock:Now"]))
            problems.Add("Clock__Now is only allowed in Development and Testing.");
        var key = config["Jwt:SigningKey"];
        if (string.IsNullOrWhiteSpace(key) || key == JwtSettings.DevelopmentKey || key.Length < 32)
            problems.Add("Jwt__SigningKey must be set to a key of your own (at least 32 characters).");
        var payfip = config.GetSection("PayFiP").Get<PayFiPSettings>() ?? new PayFiPSettings();
        if (IsSimulator(payfip.ServiceUrl) || IsSimulator(payfip.PaymentUrl))
            problems.Add("PayFiP__ServiceUrl and PayFiP__PaymentUrl must not point at the PayFiP simulator.");
        if (payfip.Saisie is "T" or "")
            problems.Add("PayFiP__Saisie must be X (activation) or W (production), not T.");
        if (string.Equals(config["Demo:Seed"], "true", StringComparison.OrdinalIgnoreCase))
            problems.Add("Demo__Seed must not be enabled in Production.");
        if (problems.Count > 0)
            throw new InvalidOperationException("Refusing to start in Production: " + string.Join(" ", problems));
    }

    private static bool IsSimulator(string? url) =>
        string.IsNullOrWhiteSpace(url) || url.Contains("/payfip-simulator", StringComparison.OrdinalIgnoreCase);
}
