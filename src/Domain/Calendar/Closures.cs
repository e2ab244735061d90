using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>A period staff close (school holidays or a closure such as a "pont"): its days become closed, their bookings
/// cancelled free of charge.</summary>
public static class Closures
{
    public const int MaxDays = 400;

    public static Errors CheckRange(Errors errors, LocalDate from, LocalDate to, string what = "La période demandée") => errors
        .Require(from <= to, "to", "La date de fin doit être postérieure ou égale à la date de début.")
        .Require(Period.Between(from, to, PeriodUnits.Days).Days < MaxDays, "to", $"{what} ne doit pas dépasser {MaxDays} jours.");

    public static Errors Check(LocalDate from, LocalDate to, string? reason, string? label) =>
        CheckRange(new Errors(), from, to, "La fermeture")
            .Require(StaffReason(reason) is not null, "reason", "Le motif doit être « school-holiday » ou « closure ».")
            .RequireText(label, "label", "Le libellé");

    /// <summary>The reasons staff may give (public holidays come from the law, not from staff).</summary>
    public static ClosureReason? StaffReason(string? text) =>
        Vocabulary.TryParse(text, out ClosureReason reason) && reason is ClosureReason.SchoolHoliday or ClosureReason.Closure ? reason : null;

    /// <summary>The period as staff set it (the label trimmed).</summary>
    public static CalendarPeriod Close(Guid periodId, LocalDate from, LocalDate to, ClosureReason reason, string label) =>
        new(periodId, from, to, reason, label.Trim(), "staff");

    /// <summary>A period recorded by mistake taken out (the removal stays in the stream); null when the calendar has no such period.</summary>
    public static CalendarPeriodRemoved? Remove(CommuneCalendar? calendar, Guid periodId, Actor by, Instant at) =>
        calendar?.Periods.Any(p => p.PeriodId == periodId) == true ? new CalendarPeriodRemoved(calendar.Id, periodId, by, at) : null;
}
