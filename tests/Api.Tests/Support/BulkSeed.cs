using Alba;
using Marten;
using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Tests.Support;

/// <summary>Many enrolled children at once, written straight to the event store (the API path is tested elsewhere).</summary>
public static class BulkSeed
{
    public static async Task<List<Guid>> InscriptionsAsync(IAlbaHost host, int count, string activityCode = "CANTINE", string group = "PRIMAIRE")
    {
        var at = AppFixture.DefaultNow;
        var ids = new List<Guid>();
        await using var session = host.DocumentStore().LightweightSession(AppFixture.TenantId);
        for (var i = 0; i < count; i++)
        {
            var familyId = Guid.NewGuid();
            var childId = Guid.NewGuid();
            var inscriptionId = Guid.NewGuid();
            session.Events.StartStream<Family>(familyId,
                new FamilyFileCreated(familyId, "Mme", "Prénom", $"Famille{i}", new Address("1 rue", "34120", "Lézignan"),
                    $"famille{i}-{familyId:N}@bulk.test", new Phones(), new Allocataire(), 650, new LocalDate(2026, 9, 1), 1, Actor.System, at),
                new ChildAdded(familyId, childId, $"Enfant{i}", $"Famille{i}", new LocalDate(2019, 1, 1), "F", Actor.System, at));
            session.Events.StartStream<Inscription>(inscriptionId,
                new InscriptionOpened(inscriptionId, familyId, childId, activityCode, group, new LocalDate(2026, 9, 1), new LocalDate(2027, 7, 2), Actor.System, at));
            ids.Add(inscriptionId);
        }
        await session.SaveChangesAsync();
        return ids;
    }
}
