using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Requests;

/// <summary>What requests and the dashboard add to Marten.</summary>
public static class RequestsSetup
{
    public static StoreOptions ConfigureRequests(this StoreOptions opts)
    {
        opts.Projections.Snapshot<FamilyRequest>(SnapshotLifecycle.Inline);
        opts.Schema.For<FamilyRequest>().Index(r => r.FamilyId);
        // Inline, so the dashboard shows a change as soon as the request that made it has answered.
        opts.Projections.Add<Projections.Dashboard.DashboardProjection>(ProjectionLifecycle.Inline);
        // Lines are closed by their cell (a patch with a where clause): indexed, or each closure scans the table.
        opts.Schema.For<Projections.Dashboard.DashboardEntry>().Index(d => d.Owner).Index(d => d.Cell);
        return opts;
    }
}
