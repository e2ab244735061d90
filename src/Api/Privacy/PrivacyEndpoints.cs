using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
using Wolverine.Marten;

namespace PortailFamille.Api.Privacy;

public sealed record InscriptionExport(Inscription Inscription, IReadOnlyList<AuditEvent> History);

public sealed record AccountExport(string Email, string Role, bool Active);

/// <summary>Everything the portal holds about one family (RGPD right of access), in one document.</summary>
public sealed record FamilyExport(Instant ExportedAt, Family Family, IReadOnlyList<AuditEvent> FamilyHistory, IReadOnlyList<AccountExport> Accounts,
    IReadOnlyList<InscriptionExport> Inscriptions, IReadOnlyList<FamilyRequest> Requests, IReadOnlyList<Invoice> Invoices,
    IReadOnlyList<OnlinePayment> Payments, IReadOnlyList<FamilyAccess> StaffAccesses);

public sealed record EraseFamily(string Reason);

public static class OwnExportEndpoint
{
    public static ProblemDetails Validate(CurrentUser user) => user.FamilyId is null ? FamilyExports.NoFamily : WolverineContinue.NoProblems;

    [WolverineGet("/api/family/export"), Tags("Données personnelles")]
    [EndpointSummary("Exporter toutes mes données")]
    [EndpointDescription("Parents. Tout ce que la commune garde sur la famille, au format JSON (RGPD, droit d'accès).")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<FamilyExport>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get([NotBody] CurrentUser user, IQuerySession session, Moment moment, CommuneSettings commune,
        CancellationToken cancellation) =>
        await FamilyExports.ExportAsync(session, user.FamilyId!.Value, moment, commune, cancellation) is { } export ? Results.Ok(export)
            : Problems.NotFound();
}

public static class StaffExportEndpoint
{
    public static ProblemDetails Validate([NotBody] Family? family) => family is null ? FamilyExports.NoSuchFamily : WolverineContinue.NoProblems;

    /// <summary>The same export for staff (a subject access request made at the mairie); the look is recorded.</summary>
    [WolverineGet("/api/staff/families/{familyId}/export"), Tags("Données personnelles")]
    [EndpointSummary("Exporter les données d'une famille")]
    [EndpointDescription("Agents. Tout ce que la commune garde sur la famille (RGPD) ; l'accès est journalisé.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<FamilyExport>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<FamilyExport?> Get([ReadAggregate("familyId", Required = false)] Family family, [NotBody] CurrentUser user,
        IQuerySession session, Moment moment, CommuneSettings commune, AccessJournal journal, CancellationToken cancellation)
    {
        await journal.RecordAsync(family.Id, user.Actor.ToString(), AccessKinds.Export, cancellation);
        return await FamilyExports.ExportAsync(session, family.Id, moment, commune, cancellation);
    }
}

public static class EraseFamilyEndpoint
{
    public static ProblemDetails Validate(EraseFamily command, [NotBody] Family? family) =>
        family is null ? FamilyExports.NoSuchFamily
        : new Errors().RequireText(command.Reason, "reason", "Le motif", 500) is { Any: true } errors ? Problems.InvalidDetails(errors)
        : Retention.RefuseErasure(family) is { } refusal ? Problems.ConflictDetails(refusal)
        : WolverineContinue.NoProblems;

    /// <summary>Erases the family's personal data now (a request of the family, or a file past its retention period).</summary>
    [WolverinePost("/api/staff/families/{familyId}/erasure"), Tags("Données personnelles")]
    [EndpointSummary("Effacer les données personnelles d'une famille")]
    [EndpointDescription("Agents. Masque les données personnelles dans les événements et les vues ; les montants restent pour la comptabilité. Reprend là où il s'est arrêté.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(EraseFamily command, [ReadAggregate("familyId", Required = false)] Family family, CurrentUser user,
        FamilyErasure erasure, CancellationToken cancellation)
    {
        // Its own transactions, one per stream masked: an erasure that stops half-way is finished by asking again.
        await erasure.EraseAsync(family.Id, command.Reason.Trim(), user.Actor, cancellation);
        return Results.NoContent();
    }
}

/// <summary>Everything the portal holds about one family, for the RGPD export.</summary>
public static class FamilyExports
{
    public static ProblemDetails NoSuchFamily => Problems.NotFoundDetails("Aucune famille avec cet identifiant.");

    public static ProblemDetails NoFamily => Problems.NotFoundDetails("Ressource introuvable.");

    public static async Task<FamilyExport?> ExportAsync(IQuerySession session, Guid familyId, Moment moment, CommuneSettings commune, CancellationToken cancellation)
    {
        var family = await session.LoadAsync<Family>(familyId, cancellation);
        if (family is null) return null;
        var serializer = session.DocumentStore.Options.Serializer();
        async Task<IReadOnlyList<AuditEvent>> History(Guid streamId) =>
            (await session.Events.FetchStreamAsync(streamId, token: cancellation)).Select(e => AuditEvents.Describe(e, serializer, commune.Zone)).ToList();

        var inscriptions = new List<InscriptionExport>();
        foreach (var inscription in await session.Query<Inscription>().Where(i => i.FamilyId == familyId).ToListAsync(cancellation))
            inscriptions.Add(new InscriptionExport(inscription, await History(inscription.Id)));
        var accounts = await session.Query<Account>().Where(a => a.FamilyId == familyId).ToListAsync(cancellation);
        return new FamilyExport(moment.At, family, await History(familyId),
            accounts.Select(a => new AccountExport(a.Email, a.Role, a.PasswordHash is not null)).ToList(), inscriptions,
            await session.Query<FamilyRequest>().Where(r => r.FamilyId == familyId).ToListAsync(cancellation),
            await session.Query<Invoice>().Where(i => i.FamilyId == familyId).ToListAsync(cancellation),
            await session.Query<OnlinePayment>().Where(p => p.FamilyId == familyId).ToListAsync(cancellation),
            (await session.Query<FamilyAccess>().Where(a => a.FamilyId == familyId).ToListAsync(cancellation)).OrderBy(a => a.At).ToList());
    }
}
