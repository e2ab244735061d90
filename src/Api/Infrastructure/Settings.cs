using NodaTime;

namespace PortailFamille.Api.Infrastructure;

public sealed class PortalSettings
{
    /// <summary>Base address for e-mailed links and PayFiP's return addresses.</summary>
    public string PublicUrl { get; set; } = "";
}

public sealed class JwtSettings
{
    /// <summary>Used only in Development and Testing when no key is configured; Production refuses it.</summary>
    public const string DevelopmentKey = "portail-famille-development-only-signing-key-0123456789abcdef";
    public const string Issuer = "portail-famille";
    public string SigningKey { get; set; } = "";
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "portail-famille@localhost";
}

public sealed class MailSettings
{
    public SmtpSettings Smtp { get; set; } = new();
    public string? PickupDirectory { get; set; }
}

public sealed class BootstrapSettings
{
    public string? StaffEmail { get; set; }
    public string? StaffPassword { get; set; }
}

public sealed class RegieSettings
{
    public string Name { get; set; } = "Régie périscolaire de Lézignan-la-Cèbe";
    public bool PaymentAllowed { get; set; } = true;
    public bool PartialPaymentAllowed { get; set; }
    public string PayFiPClientNumber { get; set; } = "012345";
}

public sealed class CommuneSettings
{
    public string Name { get; set; } = "Mairie de Lézignan-la-Cèbe";
    public string Address { get; set; } = "Rue de la Mairie, 34120 Lézignan-la-Cèbe";
    public string ContactEmail { get; set; } = "accueil@lezignanlacebe.fr";
    /// <summary>The address its e-mails leave from (its SMTP server must allow it); none: the deployment's <c>Mail__Smtp__From</c>.</summary>
    public string? MailFrom { get; set; }
    public string Phone { get; set; } = "04 67 98 13 68";
    /// <summary>The service parents write to or call (the guide's "Service des inscriptions").</summary>
    public string Service { get; set; } = "Service des inscriptions – Accueil de la mairie";
    /// <summary>The portal's legal notice (publisher, host, data controller), shown under "Mentions légales".</summary>
    public string LegalNotice { get; set; } =
        "Éditeur : Mairie de Lézignan-la-Cèbe, Rue de la Mairie, 34120 Lézignan-la-Cèbe. Directeur de la publication : le maire. " +
        "Responsable du traitement des données personnelles : la commune, qui les utilise pour les inscriptions, les réservations et la facturation " +
        "des services périscolaires. Vous pouvez exercer vos droits d'accès, de rectification et d'effacement auprès de l'accueil de la mairie. " +
        "Hébergement : précisé par la commune dans le réglage Commune__LegalNotice.";
    public string SchoolZone { get; set; } = "C";
    public string TimeZone { get; set; } = "Europe/Paris";
    /// <summary>Alsace-Moselle communes also close on Good Friday and 26 December.</summary>
    public bool AlsaceMoselle { get; set; }
    public RegieSettings Regie { get; set; } = new();
    /// <summary>The meal diets the canteen serves, as codes (<c>Commune__Diets__0=standard</c>, …); none set: <see cref="DefaultDiets"/>.
    /// No default in the property itself: the configuration binder would add the settings to it instead of replacing it.</summary>
    public string[] Diets { get; set; } = [];
    public static readonly string[] DefaultDiets = [Domain.Families.ChildDiet.Standard, "sans-porc", "sans-viande", "vegetarien"];
    public IReadOnlyList<string> DietList => Diets.Length == 0 ? DefaultDiets : Diets;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];
}

public sealed class PayFiPSettings
{
    public string ServiceUrl { get; set; } = "";
    public string PaymentUrl { get; set; } = "";
    public string Saisie { get; set; } = "";
    /// <summary>When the first reconciliation of a payment runs, and how often it asks again while PayFiP has no result.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Development and Testing talk to the simulator mounted under the portal, in test mode.</summary>
    public void DefaultToSimulator(string publicUrl)
    {
        if (string.IsNullOrWhiteSpace(ServiceUrl)) ServiceUrl = $"{publicUrl}/payfip-simulator/services/securite";
        if (string.IsNullOrWhiteSpace(PaymentUrl)) PaymentUrl = $"{publicUrl}/payfip-simulator/tpa/paiementws.web";
        if (string.IsNullOrWhiteSpace(Saisie)) Saisie = "T";
    }
}

public sealed class DemoSettings
{
    public bool Seed { get; set; }
}
