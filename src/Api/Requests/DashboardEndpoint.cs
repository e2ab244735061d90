using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;
using PortailFamille.Projections.Dashboard;
using Wolverine.Http;

namespace PortailFamille.Api.Requests;

public sealed record DashboardLine(Instant At, string Category, string Subject, RequestStatus Status, Guid? RequestId, RequestType? Type, Guid? ChildId = null);

public static class DashboardEndpoint
{
    /// <summary>A parent token always names a family; one that does not is answered as if there were nothing.</summary>
    public static ProblemDetails Validate(CurrentUser user) =>
        user.FamilyId is null ? Problems.NotFoundDetails("Ressource introuvable.") : WolverineContinue.NoProblems;

    /// <summary>The tableau de bord: everything the family asked and what became of it, newest first.</summary>
    [WolverineGet("/api/dashboard"), Tags("Demandes")]
    [EndpointSummary("Mon tableau de bord")]
    [EndpointDescription("Parents. L'historique des demandes et des changements transmis à la mairie, du plus récent au plus ancien, par catégorie (famille, individu, inscription, demande) avec leur état.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<DashboardLine[]>(200), ProducesResponseType<ProblemDetails>(404)]
    public static Task<List<DashboardLine>> Get([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        LinesAsync(session, user.FamilyId!.Value, cancellation);

    /// <summary>The family's lines and its inscriptions' booking requests, newest first (one page of them when asked).</summary>
    public static async Task<List<DashboardLine>> LinesAsync(IQuerySession session, Guid familyId, CancellationToken cancellation, Paging? paging = null,
        HttpResponse? totalTo = null)
    {
        var inscriptions = await session.Query<Inscription>().Where(i => i.FamilyId == familyId).Select(i => i.Id).ToListAsync(cancellation);
        var owners = inscriptions.Select(id => $"i:{id}").Append(familyId.ToString()).ToList();
        var query = session.Query<DashboardEntry>().Where(e => owners.Contains(e.Owner)).OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
        if (totalTo is not null) Paging.Total(totalTo, await session.Query<DashboardEntry>().CountAsync(e => owners.Contains(e.Owner), cancellation));
        var entries = paging is null ? await query.ToListAsync(cancellation) : await query.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellation);
        return entries.Select(e => new DashboardLine(e.At, e.Category, e.Subject, e.Status, e.RequestId, e.Type, e.ChildId)).ToList();
    }
}
