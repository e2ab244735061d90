using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Families;

public sealed record FamilySummary(Guid FamilyId, string Civility, string FirstName, string LastName, string Email, IReadOnlyList<ChildSummary> Children);

public sealed record ChildSummary(Guid ChildId, string FirstName, string LastName);

/// <summary>A search as asked: the text and the page.</summary>
public sealed record FamilySearch(string? Needle, Paging Paging, Errors Errors);

public static class StaffFamilyQueries
{
    public static FamilySearch Load(string? q, int? page, int? pageSize)
    {
        var errors = new Errors().Require(q is not { Length: > 100 }, "q", "La recherche ne doit pas dépasser 100 caractères.");
        return new FamilySearch(string.IsNullOrWhiteSpace(q) ? null : q.Trim().ToLowerInvariant(), Paging.Parse(page, pageSize, errors), errors);
    }

    public static ProblemDetails Validate([NotBody] FamilySearch search) => Problems.InvalidDetails(search.Errors);

    /// <summary>Families whose names, children's names or e-mail contain <c>q</c> (all of them without <c>q</c>), by name, one page at a time.</summary>
    [WolverineGet("/api/staff/families"), Tags("Familles")]
    [EndpointSummary("Chercher une famille")]
    [EndpointDescription("Agents. Par nom ou adresse (?q=), paginé (?page=&pageSize=, total dans X-Total-Count).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<FamilySummary[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<List<FamilySummary>> Search(string? q, int? page, int? pageSize, [NotBody] FamilySearch search, IQuerySession session,
        HttpResponse response, CancellationToken cancellation)
    {
        var query = session.Query<Family>().AsQueryable();
        if (search.Needle is { } needle) query = query.Where(f => f.SearchText.Contains(needle));
        Paging.Total(response, await query.CountAsync(cancellation));
        var families = await query.OrderBy(f => f.LastName).ThenBy(f => f.FirstName).ThenBy(f => f.Id)
            .Skip(search.Paging.Skip).Take(search.Paging.PageSize).ToListAsync(cancellation);
        return families.Select(f => new FamilySummary(f.Id, f.Civility, f.FirstName, f.LastName, f.Email,
            f.Children.Select(c => new ChildSummary(c.ChildId, c.FirstName, c.LastName)).ToList())).ToList();
    }
}

public static class StaffFamilyFileEndpoint
{
    public static ProblemDetails Validate([NotBody] Family? family) => family is null ? FamilyProblems.NoSuchFamily : WolverineContinue.NoProblems;

    [WolverineGet("/api/staff/families/{familyId}"), Tags("Familles")]
    [EndpointSummary("Une fiche famille")]
    [EndpointDescription("Agents. La fiche complète et ses inscriptions ; l'accès est journalisé.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<FamilyView>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<FamilyView> Get([ReadAggregate("familyId", Required = false)] Family family, [NotBody] CurrentUser user, IQuerySession session,
        Moment moment, Privacy.AccessJournal journal, CancellationToken cancellation)
    {
        await journal.RecordAsync(family.Id, user.Actor.ToString(), Privacy.AccessKinds.File, cancellation);
        return FamilyView.Of(family, moment.Today, await FamilyReads.InscriptionsOfAsync(session, family, cancellation));
    }
}
