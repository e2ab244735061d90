using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Query-string dates and months are strings parsed strictly (NodaTime types do not bind from routes).</summary>
public static class Dates
{
    public static LocalDate? Parse(string? value, string field, Errors errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "La date est obligatoire (format AAAA-MM-JJ).");
            return null;
        }
        var parsed = LocalDatePattern.Iso.Parse(value);
        if (parsed.Success) return parsed.Value;
        errors.Add(field, $"« {Truncate(value)} » n'est pas une date valide (format AAAA-MM-JJ).");
        return null;
    }

    public static YearMonth? ParseMonth(string? value, string field, Errors errors)
    {
        var parsed = YearMonthPattern.Iso.Parse(value ?? "");
        if (parsed.Success) return parsed.Value;
        errors.Add(field, $"« {Truncate(value ?? "")} » n'est pas un mois valide (format AAAA-MM).");
        return null;
    }

    public static LocalDate Today(IClock clock, DateTimeZone zone) => clock.GetCurrentInstant().InZone(zone).Date;

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
