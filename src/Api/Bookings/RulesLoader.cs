using Marten;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Api.Bookings;

/// <summary>The commune's calendar and an activity's rules as read now (for the calendar, grids and lists;
/// decisions read theirs in the desk's transaction).</summary>
public sealed class RulesLoader(IDocumentStore store, CommuneContext commune) : IAsyncDisposable
{
    private SchoolCalendar? _calendar;
    private IQuerySession? _session;

    // Its own session on the scope's commune: Marten's container sessions know no commune.
    private IQuerySession Session => _session ??= store.QuerySession(commune.TenantId);

    public ValueTask DisposeAsync() => _session?.DisposeAsync() ?? ValueTask.CompletedTask;

    public async Task<DayRules?> ForAsync(string activityCode, CancellationToken cancellation)
    {
        var activity = await Session.LoadAsync<Activity>(Activity.StreamIdFor(activityCode), cancellation);
        if (activity is null) return null;
        return new DayRules(activity, await CalendarAsync(cancellation), commune.Entry.Commune.Zone);
    }

    public async Task<SchoolCalendar> CalendarAsync(CancellationToken cancellation)
    {
        if (_calendar is not null) return _calendar;
        var calendar = await Session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation);
        return _calendar = new SchoolCalendar(calendar?.Periods ?? [], commune.Entry.Holidays);
    }
}
