using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
    int AmountCents, int CreditedCents, int PaidCents, int BalanceCents, InvoiceStatus Status);

/// <summary>The month asked, as read from the body.</summary>
public sealed record InvoicingMonth(YearMonth? Month, Errors Errors);

public static class RunInvoicingEndpoint
{
    public static InvoicingMonth Load(RunInvoicing command)
    {
        var errors = new Errors();
        return new InvoicingMonth(Dates.ParseMonth(command.Month, "month", errors), errors);
    }

    public static ProblemDetails Validate(InvoicingMonth month, Moment moment) =>
        month.Errors.Any ? Problems.InvalidDetails(month.Errors)
        : InvoicingRules.RefuseMonth(month.Month!.Value, moment.Today) is { } refusal ? Problems.UnprocessableDetails(refusal)
        : WolverineContinue.NoProblems;

    /// <summary>Invoices an ended month for every family owing something for it; a second run issues nothing new.</summary>
    [WolverinePost("/api/staff/invoicing"), Tags("Facturation")]
    [EndpointSummary("Facturer un mois")]
    [EndpointDescription("Agents. Une facture par famille pour un mois terminé, numéros sans trou ; relancer ne facture rien deux fois.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<InvoicingResult>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(422)]
    public static async Task<InvoicingResult> Post(RunInvoicing command, [NotBody] InvoicingMonth month, InvoicingRun run, CurrentUser user,
        CancellationToken cancellation) =>
        // Its own transactions (numbers without gaps, one batch of families at a time): not the endpoint's session.
        new(await run.RunAsync(month.Month!.Value, user.Actor, cancellation));
}

/// <summary>The filters asked, as read from the query string.</summary>
public sealed record InvoiceFilter(YearMonth? Month, InvoiceStatus? Status, Paging Paging, Errors Errors);

public static class StaffInvoicesEndpoint
{
    public static InvoiceFilter Load(string? month, string? status, int? page, int? pageSize)
    {
        InvoiceStatus? wanted = Vocabulary.TryParse(status, out InvoiceStatus parsedStatus) ? parsedStatus : null;
        var errors = new Errors().Require(status is null || wanted is not null, "status",
            $"Le statut doit être l'un de : {string.Join(", ", Vocabulary.WordsOf<InvoiceStatus>())}.");
        var parsed = month is null ? null : Dates.ParseMonth(month, "month", errors);
        return new InvoiceFilter(parsed, wanted, Paging.Parse(page, pageSize, errors), errors);
    }

    public static ProblemDetails Validate(InvoiceFilter filter) => Problems.InvalidDetails(filter.Errors);

    /// <summary>Issued invoices, newest first, optionally for one month or one family.</summary>
    [WolverineGet("/api/staff/invoices"), Tags("Facturation")]
    [EndpointSummary("Les factures émises")]
    [EndpointDescription("Agents. Les factures, des plus récentes aux plus anciennes, filtrées par mois (?month=), famille (?familyId=) ou " +
                         "état (?status=unpaid|partially-paid|paid), paginées (?page=&pageSize=, total dans l'en-tête X-Total-Count).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffInvoiceView[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<List<StaffInvoiceView>> Get(string? month, Guid? familyId, string? status, [NotBody] InvoiceFilter filter,
        IQuerySession session, HttpResponse response, CancellationToken cancellation)
    {
        var query = session.Query<Invoice>().AsQueryable();
        if (filter.Month is not null) query = query.Where(i => i.Month == month);
        if (familyId is { } id) query = query.Where(i => i.FamilyId == id);
        if (filter.Status is { } wanted) query = query.Where(i => i.Status == wanted);
        Paging.Total(response, await query.CountAsync(cancellation));
        var invoices = await query.OrderByDescending(i => i.Number).Skip(filter.Paging.Skip).Take(filter.Paging.PageSize).ToListAsync(cancellation);
        var families = invoices.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, invoices.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        return invoices
            .Select(i => new StaffInvoiceView(i.Id, i.Number, i.FamilyId, families.GetValueOrDefault(i.FamilyId) is { } f ? $"{f.LastName} {f.FirstName}" : "",
                i.Month, i.IssuedOn, i.AmountCents, i.CreditedCents, i.PaidCents, i.BalanceCents, i.Status)).ToList();
    }
}
