using Marten;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Families;

/// <summary>Reads shared by the parent's and the staff's family views.</summary>
public static class FamilyReads
{
    public static async Task<IReadOnlyList<InscriptionView>> InscriptionsOfAsync(IQuerySession session, Family family, CancellationToken cancellation)
    {
        var inscriptions = await session.Query<Inscription>().Where(i => i.FamilyId == family.Id).ToListAsync(cancellation);
        var codes = inscriptions.Select(i => i.ActivityCode).Distinct().ToList();
        var activities = codes.Count == 0 ? new Dictionary<string, Activity>()
            : (await session.LoadManyAsync<Activity>(cancellation, codes.Select(Activity.StreamIdFor).ToArray())).ToDictionary(a => a.Code);
        return InscriptionViews.Of(family, inscriptions, activities);
    }
}
