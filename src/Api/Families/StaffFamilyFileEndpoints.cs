using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Money;
using PortailFamille.Api.Requests;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;
using Wolverine.Http;

namespace PortailFamille.Api.Families;

/// <summary>What a family owes, as the régie sees it on the family's file (the parent's "Mon compte" figures).</summary>
public sealed record StaffFamilyAccount(Instant AsOf, int InvoicesBalanceCents, int FamilyBalanceCents, int UninvoicedCents,
    IReadOnlyList<StaffInscriptionBalance> Inscriptions);

public sealed record StaffInscriptionBalance(Guid InscriptionId, string ActivityCode, string ChildName, int DueCents, int PaidCents, int BalanceCents);

/// <summary>The family file's history and account, for staff: the same figures and lines the family sees.</summary>
public static class StaffFamilyFileEndpoints
{
    public static Task<Family?> LoadAsync(Guid familyId, IQuerySession session, CancellationToken cancellation) =>
        session.LoadAsync<Family>(familyId, cancellation);

    public static ProblemDetails Validate([NotBody] Family? family, int? page, int? pageSize) => family is null ? FamilyProblems.NoSuchFamily
        : Problems.InvalidDetails(PagingErrors(page, pageSize));

    private static Domain.Common.Errors PagingErrors(int? page, int? pageSize)
    {
        var errors = new Domain.Common.Errors();
        Paging.Parse(page, pageSize, errors);
        return errors;
    }

    [WolverineGet("/api/staff/families/{familyId}/history"), Tags("Familles")]
    [EndpointSummary("Historique d'une famille")]
    [EndpointDescription("Agents. Le tableau de bord de la famille tel qu'elle le voit : ses demandes, les réservations à valider de ses " +
                         "inscriptions et les changements faits par la mairie, du plus récent au plus ancien, avec leur état ; paginé " +
                         "(?page=&pageSize=, total dans X-Total-Count).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<DashboardLine[]>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static Task<List<DashboardLine>> History([NotBody] Family family, int? page, int? pageSize, IQuerySession session, HttpResponse response,
        CancellationToken cancellation) =>
        DashboardEndpoint.LinesAsync(session, family.Id, cancellation, Paging.Parse(page, pageSize, new Domain.Common.Errors()), response);

    [WolverineGet("/api/staff/families/{familyId}/account"), Tags("Familles")]
    [EndpointSummary("Compte d'une famille")]
    [EndpointDescription("Agents. Le solde des factures, la situation financière (tout ce qui a été consommé, facturé ou non, moins les " +
                         "paiements), ce qui reste à facturer, et le détail par inscription : dû, payé, solde.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffFamilyAccount>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<StaffFamilyAccount> Account([NotBody] Family family, IQuerySession session, IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var ledger = await FamilyLedger.LoadAsync(session, family, Dates.Today(clock, commune.Zone), cancellation);
        return new StaffFamilyAccount(clock.GetCurrentInstant(), ledger.InvoicesBalanceCents, ledger.FamilyBalanceCents,
            ledger.Inscriptions.Sum(i => i.UninvoicedCents),
            ledger.Inscriptions.Select(i => new StaffInscriptionBalance(i.Inscription.Id, i.Inscription.ActivityCode, i.Child?.FullName ?? "",
                i.DueCents, i.PaidCents, i.BalanceCents)).ToList());
    }
}
