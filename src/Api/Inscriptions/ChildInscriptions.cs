using Marten;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Inscriptions;

/// <summary>A child's inscriptions to one activity, for <see cref="InscriptionPeriods.Overlapping"/>.</summary>
public static class ChildInscriptions
{
    public static async Task<IReadOnlyList<Inscription>> LoadAsync(IQuerySession session, Guid childId, string activityCode,
        CancellationToken cancellation) =>
        [.. await session.Query<Inscription>().Where(i => i.ChildId == childId && i.ActivityCode == activityCode).ToListAsync(cancellation)];
}
