using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Audit;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using PortailFamille.Domain.Requests;
using Wolverine.Http;

namespace PortailFamille.Api.Privacy;

public sealed record InscriptionExport(Inscription Inscription, IReadOnlyList<AuditEvent> History);

public sealed record AccountExport(string Email, string Role, bool Active);

/// <summary>Everything the portal holds about one family (RGPD right of access), in one document.</summary>
public sealed record FamilyExport(Instant ExportedAt, Family Family, IReadOnlyList<AuditEvent> FamilyHistory, IReadOnlyList<AccountExport> Accounts,
    IReadOnlyList<InscriptionExport> Inscriptions, IReadOnlyList<FamilyRequest> Requests, IReadOnlyList<Invoice> Invoices,
    IReadOnlyList<OnlinePayment> Payments, IReadOnlyList<FamilyAccess> StaffAccesses);

public sealed record EraseFamily(string Reason);

public static class PrivacyEndpoints
{
    private const string NoFamily = "Aucune famille avec cet identifiant.";

    [WolverineGet("/api/family/export"), Tags("Données personnelles")]
    [EndpointSummary("Exporter toutes mes données")]
    [EndpointDescription("Parents. Tout ce que la commune garde sur la famille, au format JSON (RGPD, droit d'accès).")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<FamilyExport>(200)]
    public static async Task<IResult> OwnExport(ClaimsPrincipal principal, IQuerySession session, IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var familyId = CurrentUser.From(principal).FamilyId;
        var export = familyId is { } id ? await ExportAsync(session, id, clock, commune, cancellation) : null;
        return export is null ? Problems.NotFound() : Results.Ok(export);
    }

    /// <summary>The same export for staff (a subject access request made at the mairie); the look is recorded.</summary>
    [WolverineGet("/api/staff/families/{familyId}/export"), Tags("Données personnelles")]
    [EndpointSummary("Exporter les données d'une famille")]
    [EndpointDescription("Agents. Tout ce que la commune garde sur la famille (RGPD) ; l'accès est journalisé.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<FamilyExport>(200)]
    public static async Task<IResult> StaffExport(Guid familyId, ClaimsPrincipal principal, IQuerySession session, IClock clock, CommuneSettings commune,
        AccessJournal journal, CancellationToken cancellation)
    {
        if (familyId == Guid.Empty || await session.LoadAsync<Family>(familyId, cancellation) is null) return Problems.NotFound(NoFamily);
        await journal.RecordAsync(familyId, CurrentUser.From(principal).Actor.ToString(), AccessKinds.Export, cancellation);
        return Results.Ok(await ExportAsync(session, familyId, clock, commune, cancellation));
    }

    /// <summary>Erases the family's personal data now (a request of the family, or a file past its retention period).</summary>
    [WolverinePost("/api/staff/families/{familyId}/erasure"), Tags("Données personnelles")]
    [EndpointSummary("Effacer les données personnelles d'une famille")]
    [EndpointDescription("Agents. Masque les données personnelles dans les événements et les vues ; les montants restent pour la comptabilité. Reprend là où il s'est arrêté.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Erase(Guid familyId, EraseFamily command, ClaimsPrincipal principal, IQuerySession session, FamilyErasure erasure,
        CancellationToken cancellation)
    {
        if (familyId == Guid.Empty || await session.LoadAsync<Family>(familyId, cancellation) is not { } family) return Problems.NotFound(NoFamily);
        var errors = new Errors().RequireText(command.Reason, "reason", "Le motif", 500);
        if (errors.Any) return Problems.Invalid(errors);
        // An erasure that stopped half-way is finished by asking again.
        if (family.ErasureCompletedAt is not null) return Problems.Conflict("Les données de cette famille ont déjà été effacées.");
        await erasure.EraseAsync(familyId, command.Reason.Trim(), CurrentUser.From(principal).Actor, cancellation);
        return Results.NoContent();
    }

    private static async Task<FamilyExport?> ExportAsync(IQuerySession session, Guid familyId, IClock clock, CommuneSettings commune, CancellationToken cancellation)
    {
        var family = await session.LoadAsync<Family>(familyId, cancellation);
        if (family is null) return null;
        var serializer = session.DocumentStore.Options.Serializer();
        async Task<IReadOnlyList<AuditEvent>> History(Guid streamId) =>
            (await session.Events.FetchStreamAsync(streamId, token: cancellation)).Select(e => AuditEndpoints.Describe(e, serializer, commune.Zone)).ToList();

        var inscriptions = new List<InscriptionExport>();
        foreach (var inscription in await session.Query<Inscription>().Where(i => i.FamilyId == familyId).ToListAsync(cancellation))
            inscriptions.Add(new InscriptionExport(inscription, await History(inscription.Id)));
        var accounts = await session.Query<Account>().Where(a => a.FamilyId == familyId).ToListAsync(cancellation);
        return new FamilyExport(clock.GetCurrentInstant(), family, await History(familyId),
            accounts.Select(a => new AccountExport(a.Email, a.Role, a.PasswordHash is not null)).ToList(), inscriptions,
            await session.Query<FamilyRequest>().Where(r => r.FamilyId == familyId).ToListAsync(cancellation),
            await session.Query<Invoice>().Where(i => i.FamilyId == familyId).ToListAsync(cancellation),
            await session.Query<OnlinePayment>().Where(p => p.FamilyId == familyId).ToListAsync(cancellation),
            (await session.Query<FamilyAccess>().Where(a => a.FamilyId == familyId).ToListAsync(cancellation)).OrderBy(a => a.At).ToList());
    }
}
