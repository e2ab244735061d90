using NodaTime;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Projections.Planning;

/// <summary>A cell of the grid: its state, whether a click can change it now, and whether the day is on an invoice.</summary>
public sealed record PlanningCell(CellState State, bool Editable, bool Charged = false);

public sealed record PlanningDay(LocalDate Date, bool Closed, DayClosedReason? Reason, string? Label, IReadOnlyDictionary<string, PlanningCell> Cells);

public sealed record PlanningMonth(Guid InscriptionId, YearMonth Month, IReadOnlyList<string> Units, IReadOnlyList<PlanningDay> Days);

/// <summary>
/// The monthly grid of an inscription: built from its projected state (the inline snapshot of its stream)
/// and the rules in force, with <c>editable</c> and the clock-dependent states (late, locked, expired)
/// computed at read time (attendance marks, when recorded, come first).
/// </summary>
public static class PlanningGrid
{
    public static PlanningMonth Build(Inscription inscription, DayRules rules, YearMonth month, Instant now)
    {
        var units = rules.Activity.Units;
        var days = new List<PlanningDay>();
        for (var date = month.OnDayOfMonth(1); date.Month == month.Month; date = date.PlusDays(1))
        {
            var reason = rules.ClosedReason(date, inscription);
            var cells = units.ToDictionary(unit => unit, unit =>
            {
                var cell = CellView.At(inscription, date, unit, rules, now);
                return new PlanningCell(cell.State, cell.Editable, inscription.IsCharged(date, unit));
            });
            days.Add(new PlanningDay(date, reason is not null, reason, reason is null ? null : rules.ClosedLabel(date), cells));
        }
        return new PlanningMonth(inscription.Id, month, units, days);
    }
}
