using NodaTime;

namespace PortailFamille.Domain.Calendar;

/// <summary>
/// A cut-off such as "2 working days before D at 10:00": working days are Monday to
/// Friday that are not public holidays (school holidays count as working days).
/// </summary>
public sealed record Deadline(int DaysBefore, bool WorkingDays, LocalTime At)
{
    public const int MaxDaysBefore = 60;

    public LocalDate CutOffDate(LocalDate day, Func<LocalDate, bool> isPublicHoliday)
    {
        if (!WorkingDays) return day.PlusDays(-DaysBefore);
        var date = day;
        for (var counted = 0; counted < DaysBefore;)
        {
            date = date.PlusDays(-1);
            if (IsWorkingDay(date, isPublicHoliday)) counted++;
        }
        return date;
    }

    /// <summary>The instant after which a change for <paramref name="day"/> is refused.</summary>
    public Instant CutOff(LocalDate day, Func<LocalDate, bool> isPublicHoliday, DateTimeZone zone) =>
        (CutOffDate(day, isPublicHoliday) + At).InZoneLeniently(zone).ToInstant();

    public static bool IsWorkingDay(LocalDate date, Func<LocalDate, bool> isPublicHoliday) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !isPublicHoliday(date);
}
