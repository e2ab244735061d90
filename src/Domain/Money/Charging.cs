using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Money;

public static class ChargeBasis
{
    public const string Booked = "booked";
    public const string Present = "present";
    public const string Absent = "absent";
    public const string LateCancellation = "late-cancellation";
}

/// <summary>A day the family owes: why, and at which price for which QF.</summary>
public sealed record ChargedDay(LocalDate Date, string Unit, string Basis, int Qf, int PriceCents);

/// <summary>
/// The charging rules (DOMAIN.md "Money"): a day holding a seat is charged at the price of the QF bracket in force
/// on that day, unless staff marked the absence justified. A cancellation that came too late leaves the seat, so it
/// is charged; an unjustified absence too. Cancelled, closed, waitlisted-and-never-promoted and pending days hold
/// no seat and cost nothing.
/// </summary>
public static class Charging
{
    public static IReadOnlyList<ChargedDay> Days(Inscription inscription, Activity activity, Family family, LocalDate from, LocalDate to)
    {
        var days = new List<ChargedDay>();
        foreach (var (key, cell) in inscription.Cells)
        {
            if (!cell.Status.HoldsSeat()) continue;
            var (date, unit) = key;
            if (date < from || date > to) continue;
            var mark = inscription.AttendanceAt(date, unit);
            if (mark == AttendanceMark.AbsentJustified) continue;
            var basis = mark switch
            {
                AttendanceMark.Present => ChargeBasis.Present,
                AttendanceMark.Absent => ChargeBasis.Absent,
                _ when cell.Late => ChargeBasis.LateCancellation,
                _ => ChargeBasis.Booked,
            };
            var qf = family.QuotientOn(date);
            var price = PriceFor(activity.TariffsOn(date), qf, unit);
            if (price == 0) continue; // a free unit (a free shuttle trip) is owed nothing: no invoice line of 0 €
            days.Add(new ChargedDay(date, unit, basis, qf, price));
        }
        return days.OrderBy(d => d.Date).ThenBy(d => d.Unit, StringComparer.Ordinal).ToList();
    }

    /// <summary>The price of the bracket holding the QF: <c>FromQf</c> included, <c>ToQf</c> excluded.</summary>
    public static int PriceFor(IReadOnlyList<TariffBracket> brackets, int qf, string unit)
    {
        var bracket = brackets.FirstOrDefault(b => b.FromQf <= qf && (b.ToQf is null || qf < b.ToQf))
            ?? throw new InvalidOperationException($"No tariff bracket holds QF {qf}.");
        return bracket.PriceCents.TryGetValue(unit, out var price) ? price
            : throw new InvalidOperationException($"The bracket from QF {bracket.FromQf} has no price for {unit}.");
    }

    /// <summary>Invoice lines for one inscription: one per unit and price (a QF or tariff change mid-month splits a unit).</summary>
    public static IReadOnlyList<ChargeLine> Lines(Inscription inscription, Activity activity, Child child, IReadOnlyList<ChargedDay> days) =>
        days.GroupBy(d => (d.Unit, d.Qf, d.PriceCents))
            .Select(g => new ChargeLine(inscription.Id, child.ChildId, child.FullName, activity.Code, activity.Label, g.Key.Unit, g.Key.Qf,
                g.Key.PriceCents, g.Select(d => d.Date).ToList(), g.Sum(d => d.PriceCents)))
            .OrderBy(l => l.Dates[0]).ThenBy(l => l.Unit, StringComparer.Ordinal)
            .ToList();

    public static string MonthOf(LocalDate date) => YearMonthPattern.Iso.Format(date.ToYearMonth());
}
