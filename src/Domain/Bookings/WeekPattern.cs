using NodaTime;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

/// <summary>One day of a "semaine type": a weekday and a unit (canteen Monday, daycare evening Tuesday…).</summary>
public sealed record PatternDay(IsoDayOfWeek Weekday, string Unit);

/// <summary>
/// A weekly pattern over a date range, turned into the changes of one inscription: one per open day of the range that
/// falls on a pattern weekday, for each of that weekday's units the inscription's activity has. Closed days (holidays,
/// days without service, outside the inscription) are not part of the pattern: no change, no refusal. The booking
/// decider then decides each change as if it had been clicked in the grid.
/// </summary>
public static class WeekPattern
{
    /// <summary>A school year at most.</summary>
    public const int MaxRangeDays = 366;

    public static IReadOnlyList<Change> Changes(Inscription inscription, DayRules rules, LocalDate from, LocalDate to,
        IReadOnlyCollection<PatternDay> days, BookingAction action)
    {
        var changes = new List<Change>();
        var last = LocalDate.Min(to, inscription.To);
        for (var date = LocalDate.Max(from, inscription.From); date <= last; date = date.PlusDays(1))
        {
            if (rules.ClosedReason(date, inscription) is not null) continue;
            foreach (var day in days.Where(d => d.Weekday == date.DayOfWeek && rules.Activity.Units.Contains(d.Unit)))
                changes.Add(new Change(date, day.Unit, action));
        }
        return changes;
    }
}
