using NodaTime;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Activities;

/// <summary>Staff's changes to an activity's rules. Each is an event with its instant, so an audit tells which rule was in
/// force for a decision; decisions already made keep the rule they cite.</summary>
public static class ActivityChanges
{
    /// <summary>A capacity for one of the activity's groups and units (the desk applies it with the seat rows).</summary>
    public static Errors CheckCapacity(Activity activity, string? group, string? unit, int capacity)
    {
        var errors = new Errors()
            .Require(group is not null && activity.HasGroup(group), "group", $"Le groupe {group} n'existe pas pour cette activité.")
            .Require(unit is not null && activity.Units.Contains(unit), "unit", $"L'unité {unit} n'existe pas pour cette activité.");
        ActivityRules.CheckCapacity(errors, "capacity", capacity);
        return errors;
    }

    public static DeadlinesChanged ChangeDeadlines(Activity activity, Deadline booking, Deadline cancellation, Actor by, Instant at) =>
        new(activity.Id, booking, cancellation, by, at);

    /// <summary>A new grid from its date on, brackets in QF order; months already invoiced keep theirs.</summary>
    public static TariffsChanged ChangeTariffs(Activity activity, LocalDate effectiveFrom, IReadOnlyList<TariffBracket> brackets, Actor by, Instant at) =>
        new(activity.Id, effectiveFrom, [.. brackets.OrderBy(b => b.FromQf)], by, at);
}
