using NodaTime;

namespace PortailFamille.Domain.Money;

/// <summary>When a month may be invoiced: once it has ended (a second run issues nothing new).</summary>
public static class InvoicingRules
{
    public static string? RefuseMonth(YearMonth month, LocalDate today) =>
        month.CompareTo(today.ToYearMonth()) >= 0 ? "Seul un mois terminé peut être facturé." : null;
}
