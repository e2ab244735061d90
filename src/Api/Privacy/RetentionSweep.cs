using Marten;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Privacy;

public sealed class RetentionSettings
{
    /// <summary>Years after the end of a family's last inscription (or the creation of a file never used) before erasure.</summary>
    public int YearsAfterLastInscription { get; set; } = 3;
}

/// <summary>Erases the families whose retention period is over; run once a day by <see cref="DailyHousekeeping"/>.</summary>
public sealed class RetentionSweep(IDocumentStore store, CommuneContext communeScope, FamilyErasure erasure, IClock clock, CommuneSettings commune,
    RetentionSettings settings)
{
    public const string Reason = "Durée de conservation échue";

    /// <summary>The families due today, erased; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellation)
    {
        var today = Dates.Today(clock, commune.Zone);
        List<Guid> due;
        await using (var session = store.QuerySession(communeScope.TenantId))
        {
            var families = await session.Query<Family>().ToListAsync(cancellation);
            var lastEnds = (await session.Query<Inscription>().ToListAsync(cancellation))
                .GroupBy(i => i.FamilyId).ToDictionary(g => g.Key, g => g.Max(i => i.To));
            due = families.Where(f => Retention.IsDue(f, lastEnds.TryGetValue(f.Id, out var end) ? end : null, settings.YearsAfterLastInscription,
                    today, commune.Zone))
                .Select(f => f.Id).ToList();
        }
        foreach (var familyId in due) await erasure.EraseAsync(familyId, Reason, Actor.System, cancellation);
        return due.Count;
    }
}
