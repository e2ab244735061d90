using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using Wolverine.Http;

namespace PortailFamille.Api.Money;

public sealed record RunInvoicing(string Month);

public sealed record InvoicingResult(IReadOnlyList<IssuedInvoice> Invoices);

public sealed record StaffInvoiceView(Guid InvoiceId, string Number, Guid FamilyId, string FamilyName, string Month, LocalDate IssuedOn,
    int AmountCents, int CreditedCents, int PaidCents, int BalanceCents, string Status);

/// <summary>The régie's side of the money: monthly invoicing, credit notes, counter payments and the invoice list.</summary>
public static class StaffMoneyEndpoints
{
    /// <summary>Invoices an ended month for every family owing something for it; a second run issues nothing new.</summary>
    [WolverinePost("/api/staff/invoicing"), Tags("Facturation")]
    [EndpointSummary("Facturer un mois")]
    [EndpointDescription("Agents. Une facture par famille pour un mois terminé, numéros sans trou ; relancer ne facture rien deux fois.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<InvoicingResult>(200)]
    public static async Task<IResult> Invoice(RunInvoicing command, InvoicingRun run, IClock clock, CommuneSettings commune,
        ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var errors = new Errors();
        var month = Dates.ParseMonth(command.Month, "month", errors);
        if (errors.Any) return Problems.Invalid(errors);
        var current = Dates.Today(clock, commune.Zone).ToYearMonth();
        if (month!.Value.CompareTo(current) >= 0)
            return Problems.Unprocessable("Seul un mois terminé peut être facturé.");
        return Results.Ok(new InvoicingResult(await run.RunAsync(month.Value, CurrentUser.From(principal).Actor, cancellation)));
    }

    /// <summary>Issued invoices, newest first, optionally for one month or one family.</summary>
    [WolverineGet("/api/staff/invoices"), Tags("Facturation")]
    [EndpointSummary("Les factures émises")]
    [EndpointDescription("Agents. Les factures, des plus récentes aux plus anciennes, filtrées par mois (?month=), famille (?familyId=) ou " +
                         "état (?status=unpaid|partially-paid|paid), paginées (?page=&pageSize=, total dans l'en-tête X-Total-Count).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffInvoiceView[]>(200)]
    public static async Task<IResult> List(string? month, Guid? familyId, string? status, int? page, int? pageSize, IQuerySession session, HttpResponse response,
        CancellationToken cancellation)
    {
        var errors = new Errors().Require(status is null || RegieEndpoints.InvoiceStatuses.Contains(status), "status",
            $"Le statut doit être l'un de : {string.Join(", ", RegieEndpoints.InvoiceStatuses)}.");
        var parsed = month is null ? null : Dates.ParseMonth(month, "month", errors);
        var paging = Paging.Parse(page, pageSize, errors);
        if (errors.Any) return Problems.Invalid(errors);
        var query = session.Query<Invoice>().AsQueryable();
        if (parsed is not null) query = query.Where(i => i.Month == month);
        if (familyId is { } id) query = query.Where(i => i.FamilyId == id);
        if (status is not null) query = query.Where(i => i.Status == status);
        Paging.Total(response, await query.CountAsync(cancellation));
        var invoices = await query.OrderByDescending(i => i.Number).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellation);
        var families = invoices.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, invoices.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        return Results.Ok(invoices
            .Select(i => new StaffInvoiceView(i.Id, i.Number, i.FamilyId, families.GetValueOrDefault(i.FamilyId) is { } f ? $"{f.LastName} {f.FirstName}" : "",
                i.Month, i.IssuedOn, i.AmountCents, i.CreditedCents, i.PaidCents, i.BalanceCents, i.Status)).ToList());
    }
}
