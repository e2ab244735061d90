using System.Text.RegularExpressions;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Activities;

/// <summary>Checks on an activity's definition; each error is keyed by the field and worded for staff.</summary>
public static partial class ActivityRules
{
    public const int MaxCapacity = 10_000;
    public const int MaxPriceCents = 1_000_000;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex CodePattern();

    public static bool IsCode(string? value) => value is not null && CodePattern().IsMatch(value);

    public static bool IsValidationMode(string? mode) => mode is ValidationModes.Automatic or ValidationModes.Manual;

    public const string ValidationModeRule = "La validation doit être « automatic » ou « manual ».";

    /// <summary>The mode to decide the activity's requests by from now on: one event, none when it is already that mode.</summary>
    public static IReadOnlyList<object> ChangeValidation(Activity activity, string mode, Actor by, NodaTime.Instant at) =>
        activity.Validation == mode ? [] : [new ValidationChanged(activity.Id, mode, by, at)];

    public static void CheckCapacity(Errors errors, string field, int capacity)
    {
        if (capacity is < 0 or > MaxCapacity)
            errors.Add(field, $"La capacité doit être comprise entre 0 et {MaxCapacity}.");
    }

    public static void CheckDeadline(Errors errors, string field, Deadline? deadline)
    {
        if (deadline is null) { errors.Add(field, "Le délai est obligatoire."); return; }
        if (deadline.DaysBefore is < 0 or > Deadline.MaxDaysBefore)
            errors.Add($"{field}.daysBefore", $"Le nombre de jours doit être compris entre 0 et {Deadline.MaxDaysBefore}.");
    }

    /// <summary>Brackets must run from QF 0 upwards without gap or overlap, the last one open-ended,
    /// each with a price for every unit.</summary>
    public static void CheckTariffs(Errors errors, string field, IReadOnlyList<TariffBracket>? brackets, IReadOnlyList<string> units)
    {
        if (brackets is null || brackets.Count == 0) { errors.Add(field, "Au moins une tranche de tarif est obligatoire."); return; }
        var ordered = brackets.OrderBy(b => b.FromQf).ToList();
        if (ordered[0].FromQf != 0) errors.Add(field, "La première tranche doit commencer au quotient familial 0.");
        for (var i = 0; i < ordered.Count; i++)
        {
            var bracket = ordered[i];
            var last = i == ordered.Count - 1;
            if (bracket.ToQf is { } to && to <= bracket.FromQf)
                errors.Add(field, $"La tranche commençant à {bracket.FromQf} doit se terminer après son début.");
            if (!last && bracket.ToQf is null)
                errors.Add(field, "Seule la dernière tranche peut être sans borne supérieure.");
            if (last && bracket.ToQf is not null)
                errors.Add(field, "La dernière tranche doit être sans borne supérieure (toQf absent).");
            if (!last && bracket.ToQf is { } end && end != ordered[i + 1].FromQf)
                errors.Add(field, end < ordered[i + 1].FromQf
                    ? $"Les tranches laissent un trou entre {end} et {ordered[i + 1].FromQf}."
                    : $"Les tranches se chevauchent à partir de {ordered[i + 1].FromQf}.");
            var priced = bracket.PriceCents ?? new Dictionary<string, int>();
            foreach (var unit in units.Where(u => !priced.ContainsKey(u)))
                errors.Add(field, $"La tranche commençant à {bracket.FromQf} n'a pas de prix pour l'unité {unit}.");
            foreach (var unit in priced.Keys.Where(u => !units.Contains(u)))
                errors.Add(field, $"L'unité {unit} n'existe pas pour cette activité.");
            if (priced.Values.Any(p => p is < 0 or > MaxPriceCents))
                errors.Add(field, $"Les prix doivent être compris entre 0 et {MaxPriceCents} centimes.");
        }
    }
}
