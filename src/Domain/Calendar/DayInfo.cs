using NodaTime;

namespace PortailFamille.Domain.Calendar;

public sealed record DayInfo(LocalDate Date, bool Closed, ClosureReason? Reason, string? Label);

/// <summary>Answers "is the commune's service closed on that day, and why" from recorded periods and public holidays.</summary>
public sealed class SchoolCalendar(IReadOnlyList<CalendarPeriod> periods, PublicHolidays publicHolidays)
{
    public PublicHolidays PublicHolidays => publicHolidays;

    public DayInfo Describe(LocalDate date)
    {
        if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            return new DayInfo(date, true, null, null);
        if (publicHolidays.Label(date) is { } holiday)
            return new DayInfo(date, true, ClosureReason.PublicHoliday, holiday);
        var covering = periods.Where(p => p.Covers(date)).ToList();
        // A commune closure is the more specific decision, so it names the day first.
        var period = covering.FirstOrDefault(p => p.Reason == ClosureReason.Closure) ?? covering.FirstOrDefault();
        return period is null
            ? new DayInfo(date, false, null, null)
            : new DayInfo(date, true, period.Reason, period.Label);
    }

    public bool IsPublicHoliday(LocalDate date) => publicHolidays.IsPublicHoliday(date);
}
