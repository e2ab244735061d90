using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Activities;

/// <summary>
/// Each rule change of an activity's stream told in French, so staff can say which capacity, deadline or tariff was in
/// force when, and who changed it.
/// </summary>
public static class ActivityChangeLog
{
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu");
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static string Describe(object fact) => fact switch
    {
        ActivityCreated e => $"Activité créée : {e.Label}, du {Day.Format(e.From)} au {Day.Format(e.To)}, validation " +
                             $"{(e.Validation == ValidationModes.Manual ? "par la mairie" : "automatique")} ; capacités {Capacities(e.Groups)} ; " +
                             $"réservation {Deadline(e.BookingDeadline)}, annulation {Deadline(e.CancellationDeadline)} ; tarifs {Tariffs(e.Tariffs)}.",
        CapacityChanged e => $"Capacité du groupe {e.Group} pour {e.Unit} portée à {e.Capacity} place(s).",
        DeadlinesChanged e => $"Délais changés : réservation {Deadline(e.BookingDeadline)}, annulation {Deadline(e.CancellationDeadline)} " +
                              "(pour les demandes faites à partir de ce moment).",
        ValidationChanged e => e.Validation == ValidationModes.Manual
            ? "Validation par la mairie : les demandes faites à partir de ce moment attendent sa décision."
            : "Validation automatique : les demandes faites à partir de ce moment sont décidées aussitôt, dans la limite des places.",
        TariffsChanged e => $"Nouveaux tarifs pour les jours à partir du {Day.Format(e.EffectiveFrom)} non encore facturés : {Tariffs(e.Tariffs)}.",
        _ => fact.GetType().Name,
    };

    /// <summary>"2 jours ouvrés avant, avant 10:00"; "le jour même, avant 09:00".</summary>
    public static string Deadline(Deadline d) =>
        (d.DaysBefore == 0 ? "le jour même" : $"{d.DaysBefore} jour(s){(d.WorkingDays ? " ouvré(s)" : "")} avant") + $", avant {Time.Format(d.At)}";

    private static string Capacities(IEnumerable<GroupCapacity> groups) =>
        string.Join(", ", groups.Select(g => $"{g.Code} {string.Join(" / ", g.Capacity.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}"));

    /// <summary>"QF 0–500 : REPAS 1,00 € ; QF 500 et plus : REPAS 2,50 €".</summary>
    public static string Tariffs(IEnumerable<TariffBracket> brackets) =>
        string.Join(" ; ", brackets.Select(b => $"QF {b.FromQf}{(b.ToQf is { } to ? $"–{to}" : " et plus")} : " +
            string.Join(", ", b.PriceCents.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {Euros.Format(p.Value)}"))));
}
