using PortailFamille.Api.Infrastructure;
using Marten;
using NodaTime;

namespace PortailFamille.Api.Privacy;

/// <summary>One look by staff at a family's personal data: who, when, what (RGPD: the family can see who looked).</summary>
public sealed class FamilyAccess
{
    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public string By { get; set; } = "";
    public Instant At { get; set; }
    public string What { get; set; } = "";
}

public static class AccessKinds
{
    public const string File = "fiche famille";
    public const string Export = "export des données";
    public static string Audit(Guid inscriptionId) => $"audit de l'inscription {inscriptionId}";
    public static string PaiList(NodaTime.LocalDate day) => $"liste des PAI du {NodaTime.Text.LocalDatePattern.Iso.Format(day)}";
}

/// <summary>Records staff reads of a family file, its export and its audit, in a transaction of their own (a read stays a read).</summary>
public sealed class AccessJournal(IDocumentStore store, CommuneContext commune, IClock clock)
{
    public async Task RecordAsync(Guid familyId, string by, string what, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(commune.TenantId);
        session.Store(new FamilyAccess { Id = Guid.NewGuid(), FamilyId = familyId, By = by, At = clock.GetCurrentInstant(), What = what });
        await session.SaveChangesAsync(cancellation);
    }
}
