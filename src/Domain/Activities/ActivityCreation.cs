using NodaTime;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Activities;

/// <summary>An activity as staff describe it, before it is checked. The deadlines are already read from their text (null
/// when unreadable: the reader gave the error).</summary>
public sealed record ActivityDescription(
    string Code, string Label, string Equipment, LocalDate From, LocalDate To, IReadOnlyList<string> Weekdays, IReadOnlyList<string> Units,
    IReadOnlyList<string> MealUnits, IReadOnlyList<GroupCapacity> Groups, Deadline? BookingDeadline, Deadline? CancellationDeadline,
    string Validation, IReadOnlyList<TariffBracket> Tariffs);

/// <summary>What makes an activity (or a shuttle line) hold together: a code, a period, distinct weekdays, units and groups,
/// a capacity for every group and unit, deadlines, a validation mode and tariffs covering every QF.</summary>
public static class ActivityCreation
{
    /// <summary>The creation event, or null with the reasons in <paramref name="errors"/>.</summary>
    public static ActivityCreated? Create(ActivityDescription d, Errors errors, Actor by, Instant now)
    {
        errors.Require(ActivityRules.IsCode(d.Code), "code", "Le code doit contenir de 1 à 40 lettres, chiffres, « _ » ou « - ».")
            .RequireText(d.Label, "label", "Le libellé")
            .RequireText(d.Equipment, "equipment", "L'équipement")
            .Require(d.From <= d.To, "to", "La date de fin doit être postérieure ou égale à la date de début.")
            .Require(ActivityRules.IsValidationMode(d.Validation), "validation", ActivityRules.ValidationModeRule);
        var weekdays = d.Weekdays.Select(Weekdays.Parse).ToList();
        errors.Require(weekdays.Count > 0 && weekdays.All(w => w is not null) && weekdays.Distinct().Count() == weekdays.Count,
            "weekdays", "Les jours doivent être des jours de la semaine distincts (monday … sunday).");
        errors.Require(d.Units.Count > 0 && d.Units.All(ActivityRules.IsCode) && d.Units.Distinct().Count() == d.Units.Count,
            "units", "Les unités doivent être des codes distincts (lettres, chiffres, « _ » ou « - »).");
        errors.Require(d.MealUnits.All(d.Units.Contains) && d.MealUnits.Distinct().Count() == d.MealUnits.Count,
            "mealUnits", "Les unités repas doivent faire partie des unités de l'activité.");
        errors.Require(d.Groups.Count > 0 && d.Groups.All(g => ActivityRules.IsCode(g.Code)) && d.Groups.DistinctBy(g => g.Code).Count() == d.Groups.Count,
            "groups", "Les groupes doivent être des codes distincts.");
        foreach (var group in d.Groups)
        {
            errors.Require(d.Units.All(group.Capacity.ContainsKey) && group.Capacity.Keys.All(d.Units.Contains),
                $"groups.{group.Code}.capacity", "Chaque groupe doit avoir une capacité pour chaque unité, et seulement pour elles.");
            foreach (var capacity in group.Capacity.Values) ActivityRules.CheckCapacity(errors, $"groups.{group.Code}.capacity", capacity);
        }
        ActivityRules.CheckTariffs(errors, "tariffs", d.Tariffs, d.Units);
        if (errors.Any || d.BookingDeadline is null || d.CancellationDeadline is null) return null;

        return new ActivityCreated(Activity.StreamIdFor(d.Code), d.Code, d.Label.Trim(), d.Equipment.Trim(), d.From, d.To,
            weekdays.Select(w => w!.Value).Order().ToList(), d.Units, d.MealUnits, d.Groups, d.BookingDeadline, d.CancellationDeadline,
            d.Validation, [.. d.Tariffs.OrderBy(t => t.FromQf)], by, now);
    }
}

/// <summary>The weekdays as the API names them.</summary>
public static class Weekdays
{
    private static readonly Dictionary<string, IsoDayOfWeek> ByName = new()
    {
        ["monday"] = IsoDayOfWeek.Monday, ["tuesday"] = IsoDayOfWeek.Tuesday, ["wednesday"] = IsoDayOfWeek.Wednesday,
        ["thursday"] = IsoDayOfWeek.Thursday, ["friday"] = IsoDayOfWeek.Friday, ["saturday"] = IsoDayOfWeek.Saturday,
        ["sunday"] = IsoDayOfWeek.Sunday,
    };

    public static string Name(IsoDayOfWeek day) => ByName.First(kv => kv.Value == day).Key;

    public static IsoDayOfWeek? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var day) ? day : null;
}
