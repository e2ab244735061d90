using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Api.Calendar;

public static class CalendarSetup
{
    public static StoreOptions ConfigureCalendar(this StoreOptions opts)
    {
        opts.Projections.Snapshot<CommuneCalendar>(SnapshotLifecycle.Inline);
        return opts;
    }
}
