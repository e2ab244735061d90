using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Money;

/// <summary>An invoice as issued: its own event, and on each inscription it charges the month's lines, frozen.</summary>
public sealed record InvoiceIssuance(InvoiceIssued Issued, IReadOnlyList<MonthCharged> Charged);

/// <summary>What a month's invoicing charges and records (DOMAIN.md "Money").</summary>
public static class InvoicingRules
{
    /// <summary>Only an ended month is invoiced (a second run issues nothing new).</summary>
    public static string? RefuseMonth(YearMonth month, LocalDate today) =>
        month.CompareTo(today.ToYearMonth()) >= 0 ? "Seul un mois terminé peut être facturé." : null;

    /// <summary>A family's lines for the days: every inscription of a child still in the family, at a known activity; in the
    /// order the invoice prints them (child, activity, first day, unit).</summary>
    public static IReadOnlyList<ChargeLine> LinesOf(Family family, IEnumerable<Inscription> inscriptions, IReadOnlyDictionary<string, Activity> activities,
        DateInterval days) =>
        inscriptions.Where(i => activities.ContainsKey(i.ActivityCode) && family.ChildById(i.ChildId) is not null)
            .SelectMany(i => Charging.Lines(i, activities[i.ActivityCode], family.ChildById(i.ChildId)!,
                Charging.Days(i, activities[i.ActivityCode], family, days.Start, days.End)))
            .OrderBy(l => l.ChildName, StringComparer.Ordinal).ThenBy(l => l.ActivityCode, StringComparer.Ordinal).ThenBy(l => l.Dates[0])
            .ThenBy(l => l.Unit, StringComparer.Ordinal)
            .ToList();

    /// <summary>The invoice for the family's lines, addressed to the family as its file says today, and one
    /// <see cref="MonthCharged"/> per inscription it charges.</summary>
    public static InvoiceIssuance Issue(Guid invoiceId, Family family, string number, string month, LocalDate issuedOn,
        IReadOnlyList<ChargeLine> lines, Actor by, Instant at)
    {
        var issued = new InvoiceIssued(invoiceId, family.Id, number, month, issuedOn, AddresseeOf(family), lines, lines.Sum(l => l.AmountCents), by, at);
        var charged = lines.GroupBy(l => l.InscriptionId)
            .Select(g => new MonthCharged(g.Key, invoiceId, number, month, g.ToList(), g.Sum(l => l.AmountCents), by, at)).ToList();
        return new InvoiceIssuance(issued, charged);
    }

    public static Addressee AddresseeOf(Family family) => new($"{family.Civility} {family.FirstName} {family.LastName}",
        family.Address.Line1, family.Address.Line2, family.Address.PostalCode, family.Address.City);
}
