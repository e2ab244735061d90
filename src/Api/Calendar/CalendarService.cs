using Marten;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Api.Calendar;

/// <summary>The commune's calendar as recorded in its stream, with public holidays computed.</summary>
public sealed class CalendarService(IQuerySession session, PublicHolidays publicHolidays)
{
    public async Task<SchoolCalendar> LoadAsync(CancellationToken cancellation = default)
    {
        var calendar = await session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation);
        return new SchoolCalendar(calendar?.Periods ?? [], publicHolidays);
    }
}
