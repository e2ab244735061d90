using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

/// <summary>One line of the pointage as staff sent it: a child's inscription and what they saw.</summary>
public sealed record AttendanceEntry(Guid InscriptionId, string Status);

/// <summary>The pointage (attendance) rules: today or a past day, only children holding a seat that day, one bad line
/// refuses the whole list. A correction is a new mark; the stream keeps both.</summary>
public static class AttendanceDecider
{
    public const int MaxEntries = 1000;

    public static Errors Check(Activity? activity, string? activityCode, string? unit, IReadOnlyList<AttendanceEntry> entries) => new Errors()
        .Require(activity is not null, "activityCode", $"Aucune activité de code {activityCode}.")
        .Require(activity is null || activity.Units.Contains(unit), "unit", $"L'unité {unit} n'existe pas pour cette activité.")
        .Require(entries.Count is > 0 and <= MaxEntries, "entries", "Indiquez de 1 à 1 000 présences.")
        .Require(entries.DistinctBy(e => e.InscriptionId).Count() == entries.Count, "entries", "Un enfant ne peut figurer qu'une fois.")
        .Require(entries.All(e => Vocabulary.TryParse<AttendanceMark>(e.Status, out _)), "entries",
            "Le pointage doit être « present », « absent » ou « absent-justified ».");

    /// <summary>Why the list cannot be recorded, or null. <paramref name="inscriptions"/> are the entries' inscriptions, in
    /// order (null for an unknown one).</summary>
    public static string? Refuse(Activity activity, string unit, LocalDate date, LocalDate today, IReadOnlyList<Inscription?> inscriptions)
    {
        if (date > today) return "Le pointage ne peut porter que sur aujourd'hui ou un jour passé.";
        var withoutSeat = inscriptions.Count(i => i is null || i.ActivityCode != activity.Code || !i.CellAt(date, unit).Status.HoldsSeat());
        return withoutSeat > 0 ? $"{withoutSeat} enfant(s) de la liste n'ont pas de place réservée ce jour-là : rien n'a été enregistré." : null;
    }

    public static IReadOnlyList<AttendanceMarked> Mark(LocalDate date, string unit, IReadOnlyList<AttendanceEntry> entries, Actor by, Instant at) =>
        [.. entries.Select(e => new AttendanceMarked(e.InscriptionId, date, unit,
            Vocabulary.TryParse(e.Status, out AttendanceMark mark) ? mark : throw new ArgumentException($"Unknown mark {e.Status}: check the list first.", nameof(entries)),
            by, at))];
}
