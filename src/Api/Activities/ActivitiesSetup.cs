using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Domain.Activities;

namespace PortailFamille.Api.Activities;

public static class ActivitiesSetup
{
    public static StoreOptions ConfigureActivities(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Activity>(SnapshotLifecycle.Inline);
        opts.Schema.For<Activity>().UniqueIndex(a => a.Code);
        return opts;
    }
}
