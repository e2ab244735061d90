using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Domain.Families;

namespace PortailFamille.Api.Families;

public static class FamiliesSetup
{
    public static StoreOptions ConfigureFamilies(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Family>(SnapshotLifecycle.Inline);
        return opts;
    }
}
