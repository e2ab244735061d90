using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>The commune's calendar stream: school holidays and closures as recorded (public holidays are computed).</summary>
public sealed record CommuneCalendar(Guid Id, IReadOnlyList<CalendarPeriod> Periods, IReadOnlyList<Guid>? RemovedPeriodIds = null)
{
    public static readonly Guid StreamId = StableId.For("calendar", "commune");

    public static CommuneCalendar Create(CalendarPeriodAdded e) => new(e.CalendarId, [e.Period]);

    public CommuneCalendar Apply(CalendarPeriodAdded e) => this with { Periods = [.. Periods, e.Period] };

    public CommuneCalendar Apply(CalendarPeriodRemoved e) => this with
    {
        Periods = Periods.Where(p => p.PeriodId != e.PeriodId).ToList(),
        RemovedPeriodIds = [.. RemovedPeriodIds ?? [], e.PeriodId],
    };

    /// <summary>
    /// Candidates whose days are not all closed already for the same reason (re-importing a file adds nothing), and
    /// that staff did not remove: a shipped period deleted by staff stays deleted when the portal starts again.
    /// </summary>
    public static IReadOnlyList<CalendarPeriod> NotYetRecorded(CommuneCalendar? calendar, IEnumerable<CalendarPeriod> candidates)
    {
        var known = calendar?.Periods ?? [];
        var removed = calendar?.RemovedPeriodIds ?? [];
        var fresh = new List<CalendarPeriod>();
        foreach (var candidate in candidates)
            if (!removed.Contains(candidate.PeriodId) && !known.Concat(fresh).Any(p => p.Contains(candidate)))
                fresh.Add(candidate);
        return fresh;
    }
}
