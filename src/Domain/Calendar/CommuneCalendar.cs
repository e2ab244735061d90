using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>The commune's calendar stream: school holidays and closures as recorded (public holidays are computed).</summary>
public sealed record CommuneCalendar(Guid Id, IReadOnlyList<CalendarPeriod> Periods)
{
    public static readonly Guid StreamId = StableId.For("calendar", "commune");

    public static CommuneCalendar Create(CalendarPeriodAdded e) => new(e.CalendarId, [e.Period]);

    public CommuneCalendar Apply(CalendarPeriodAdded e) => this with { Periods = [.. Periods, e.Period] };

    public CommuneCalendar Apply(CalendarPeriodRemoved e) =>
        this with { Periods = Periods.Where(p => p.PeriodId != e.PeriodId).ToList() };

    /// <summary>Candidates whose days are not all closed already for the same reason: re-importing a file adds nothing.</summary>
    public static IReadOnlyList<CalendarPeriod> NotYetRecorded(CommuneCalendar? calendar, IEnumerable<CalendarPeriod> candidates)
    {
        var known = calendar?.Periods ?? [];
        var fresh = new List<CalendarPeriod>();
        foreach (var candidate in candidates)
            if (!known.Concat(fresh).Any(p => p.Contains(candidate)))
                fresh.Add(candidate);
        return fresh;
    }
}
