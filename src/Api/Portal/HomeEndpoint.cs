using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Families;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Money;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;
using PortailFamille.Projections.Dashboard;
using Wolverine.Http;

namespace PortailFamille.Api.Portal;

public sealed record HomePending(Instant At, string Category, string Subject);

public sealed record HomeInscription(Guid InscriptionId, string ChildName, string Label, IReadOnlyList<UpcomingDay> NextDays,
    CutOff? NextBooking, CutOff? NextCancellation);

public sealed record HomeView(LocalDate Today, int InvoicesBalanceCents, IReadOnlyList<HomePending> Pending, IReadOnlyList<HomeInscription> Inscriptions);

public static class HomeEndpoint
{
    public static Task<Family?> LoadAsync([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Family? family) =>
        family is null ? Problems.NotFoundDetails("Aucune famille pour ce compte.") : WolverineContinue.NoProblems;

    /// <summary>The parent's home page, decided by the server: next days held, next cut-offs, what waits, the balance.</summary>
    [WolverineGet("/api/home"), Tags("Portail")]
    [Authorize(Roles = Roles.Parent)]
    [EndpointSummary("Accueil : l'essentiel de la famille")]
    [EndpointDescription("Pour chaque inscription en cours : les prochains jours réservés ou demandés (5 au plus, sur deux mois), " +
                         "le prochain jour libre encore réservable et le prochain jour réservé encore annulable, chacun avec sa date limite ; " +
                         "les demandes et changements en attente d'une décision de la mairie ; le solde des factures. Tout est calculé par le " +
                         "serveur à l'heure de la commune.")]
    [ProducesResponseType<HomeView>(200), ProducesResponseType<ProblemDetails>(401), ProducesResponseType<ProblemDetails>(403)]
    public static async Task<HomeView> Get([NotBody] Family family, IQuerySession session, RulesLoader rules, IClock clock,
        CommuneSettings commune, CancellationToken cancellation)
    {
        var now = clock.GetCurrentInstant();
        var today = Dates.Today(clock, commune.Zone);
        var inscriptions = (await session.Query<Inscription>().Where(i => i.FamilyId == family.Id).ToListAsync(cancellation))
            .Where(i => i.To >= today).OrderBy(i => i.From).ThenBy(i => i.ActivityCode).ToList();
        var views = (await FamilyReads.InscriptionsOfAsync(session, family, cancellation)).ToDictionary(v => v.InscriptionId);

        var outlooks = new List<HomeInscription>();
        foreach (var inscription in inscriptions)
        {
            if (await rules.ForAsync(inscription.ActivityCode, cancellation) is not { } dayRules || !views.TryGetValue(inscription.Id, out var view)) continue;
            var outlook = InscriptionOutlook.For(inscription, dayRules, today, now);
            outlooks.Add(new HomeInscription(inscription.Id, view.ChildName, view.Label, outlook.NextDays, outlook.NextBooking, outlook.NextCancellation));
        }

        var owners = inscriptions.Select(i => $"i:{i.Id}").Append(family.Id.ToString()).ToList();
        var pending = await session.Query<DashboardEntry>().Where(e => owners.Contains(e.Owner) && e.Status == RequestStatus.Pending)
            .ToListAsync(cancellation);
        var ledger = await FamilyLedger.LoadAsync(session, family, today, cancellation);
        return new HomeView(today, ledger.InvoicesBalanceCents,
            pending.OrderByDescending(e => e.At).Select(e => new HomePending(e.At, e.Category, e.Subject)).ToList(), outlooks);
    }
}
