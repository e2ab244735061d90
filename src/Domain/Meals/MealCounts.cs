using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Meals;

/// <summary>One meal to prepare: a seat held at a meal unit, with the child's diet and PAI kind.</summary>
public sealed record MealPlate(LocalDate Date, string ActivityCode, string Unit, string Diet, string? Pai, Child Child, string Group);

/// <summary>How many meals of one diet and PAI kind a meal unit serves that day (what the kitchen orders).</summary>
public sealed record MealCount(LocalDate Date, string ActivityCode, string Unit, string Diet, string? Pai, int Count);

/// <summary>The kitchen's counts: every seat held at an activity's meal unit, split by the child's diet and PAI.</summary>
public static class MealCounts
{
    /// <summary>The meals an inscription holds between two days (a seat booked, or its cancellation still asked).</summary>
    public static IEnumerable<MealPlate> Plates(Inscription inscription, Activity activity, Child child, LocalDate from, LocalDate to)
    {
        if (activity.MealUnits.Count == 0) yield break;
        foreach (var (key, cell) in inscription.Cells)
        {
            if (!cell.Status.HoldsSeat()) continue;
            var (date, unit) = key;
            if (date < from || date > to || !activity.MealUnits.Contains(unit)) continue;
            yield return new MealPlate(date, activity.Code, unit, child.Diet, child.Pai, child, cell.Group);
        }
    }

    /// <summary>Counts by day, activity, meal unit, diet and PAI kind (no PAI first), in that order.</summary>
    public static IReadOnlyList<MealCount> Count(IEnumerable<MealPlate> plates) => plates
        .GroupBy(p => (p.Date, p.ActivityCode, p.Unit, p.Diet, p.Pai))
        .Select(g => new MealCount(g.Key.Date, g.Key.ActivityCode, g.Key.Unit, g.Key.Diet, g.Key.Pai, g.Count()))
        .OrderBy(c => c.Date).ThenBy(c => c.ActivityCode, StringComparer.Ordinal).ThenBy(c => c.Unit, StringComparer.Ordinal)
        .ThenBy(c => c.Diet == ChildDiet.Standard ? "" : c.Diet, StringComparer.Ordinal).ThenBy(c => c.Pai ?? "", StringComparer.Ordinal)
        .ToList();
}
