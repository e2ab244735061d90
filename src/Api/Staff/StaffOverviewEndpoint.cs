using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using PortailFamille.Domain.Requests;
using Wolverine.Http;

namespace PortailFamille.Api.Staff;

public sealed record OverviewPending(int Reservations, int Requests);

public sealed record OverviewMoney(int Count, int Cents);

public sealed record OverviewProjection(string Name, long Behind);

public sealed record StaffOverview(LocalDate Date, LocalDate WeekFrom, LocalDate WeekTo, IReadOnlyList<Headcount> Today, IReadOnlyList<PeriodCount> Week,
    OverviewPending Pending, OverviewMoney UnpaidInvoices, OverviewMoney PendingPayments, long HighWaterMark, IReadOnlyList<OverviewProjection> Projections);

public static class StaffOverviewEndpoint
{
    public static ProblemDetails Validate(string? date)
    {
        var errors = new Errors();
        Dates.Parse(date, "date", errors, required: false);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>The mairie's home page: the day and its week per activity, unit and group, what waits for a decision,
    /// what is owed and being paid online, and how far the read models are behind the events.</summary>
    [WolverineGet("/api/staff/overview"), Tags("Effectifs")]
    [EndpointSummary("Tableau de bord de la mairie")]
    [EndpointDescription("Agents. Pour le jour (?date=, aujourd'hui par défaut) et sa semaine du lundi au dimanche : réservés, capacité et " +
                         "liste d'attente par activité, unité et groupe (la semaine en places-jours, avec le nombre de jours complets) ; " +
                         "les réservations et demandes en attente d'une décision ; les factures non soldées et leur total ; les paiements " +
                         "en ligne en cours ; le retard de chaque projection asynchrone sur le dernier événement.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffOverview>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<StaffOverview> Get(string? date, IQuerySession session, IDocumentStore store, RulesLoader rules, CommuneDatabase dataSource,
        IClock clock, CommuneSettings commune, CancellationToken cancellation)
    {
        var day = date is null ? Dates.Today(clock, commune.Zone) : NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value;
        var monday = day.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var week = await HeadcountEndpoints.ReadAsync(monday, monday.PlusDays(6), session, rules, dataSource, cancellation);

        var reservations = await session.Query<Inscription>().Where(i => i.PendingCount > 0).SumAsync(i => i.PendingCount, cancellation);
        var requests = await session.Query<FamilyRequest>().CountAsync(r => r.Status == RequestStatus.Pending, cancellation);
        var unpaid = session.Query<Invoice>().Where(i => i.Status != InvoiceStatus.Paid);
        var pending = session.Query<OnlinePayment>().Where(p => p.Status == PaymentStatus.Pending);

        var progress = await store.Advanced.AllProjectionProgress(token: cancellation);
        var highWaterMark = progress.FirstOrDefault(p => p.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
        return new StaffOverview(day, monday, monday.PlusDays(6), week.Where(r => r.Date == day).ToList(), Occupancy.OverPeriod(week),
            new OverviewPending(reservations, requests),
            new OverviewMoney(await unpaid.CountAsync(cancellation), await unpaid.SumAsync(i => i.BalanceCents, cancellation)),
            new OverviewMoney(await pending.CountAsync(cancellation), await pending.SumAsync(p => p.AmountCents, cancellation)),
            highWaterMark,
            progress.Where(p => p.ShardName != ShardState.HighWaterMark)
                .Select(p => new OverviewProjection(p.ShardName, Math.Max(0, highWaterMark - p.Sequence))).OrderBy(p => p.Name).ToList());
    }
}
