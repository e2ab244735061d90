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

public sealed record IssueCreditNote(int AmountCents, string Reason);

public sealed record CreditNoteIssuedResponse(Guid CreditNoteId, string Number);

/// <summary>A payment the régie took at its counter (cash, cheque, CESU, transfer); <c>paidOn</c> defaults to today.</summary>
public sealed record RecordCounterPayment(int AmountCents, string Method, LocalDate? PaidOn = null);

public sealed record CounterPaymentRecorded(Guid PaymentId);

public sealed record StaffInvoiceView(Guid InvoiceId, string Number, Guid FamilyId, string FamilyName, string Month, LocalDate IssuedOn,
    int AmountCents, int CreditedCents, int PaidCents, int BalanceCents, string Status);

/// <summary>The régie's side of the money: monthly invoicing, credit notes, counter payments and the invoice list.</summary>
public static class StaffMoneyEndpoints
{
    private const string NoInvoice = "Aucune facture avec cet identifiant.";

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

    /// <summary>An avoir on an issued invoice, numbered in the invoices' sequence; it lowers what is still owed.</summary>
    [WolverinePost("/api/staff/invoices/{invoiceId}/credit-notes"), Tags("Facturation")]
    [EndpointSummary("Émettre un avoir")]
    [EndpointDescription("Agents. Un avoir sur une facture, d'un montant au plus égal à ce qui reste à créditer ; il baisse ce qui reste dû.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<CreditNoteIssuedResponse>(201)]
    public static async Task<IResult> CreditNote(Guid invoiceId, IssueCreditNote command, IDocumentSession session, IClock clock,
        CommuneSettings commune, ClaimsPrincipal principal, CancellationToken cancellation)
    {
        if (await FetchAsync(session, invoiceId, cancellation) is not { Aggregate: { } invoice } stream) return Problems.NotFound(NoInvoice);
        var errors = new Errors().Require(command.AmountCents is > 0 and <= int.MaxValue / 2, "amountCents", "Le montant doit être positif.")
            .RequireText(command.Reason, "reason", "Le motif", 500);
        if (errors.Any) return Problems.Invalid(errors);
        if (command.AmountCents > invoice.BalanceCents)
            return Problems.Unprocessable($"L'avoir ne peut pas dépasser le reste à payer de la facture ({Documents.FrenchFormat.Euros(invoice.BalanceCents)}).");

        var now = clock.GetCurrentInstant();
        var today = now.InZone(commune.Zone).Date;
        await session.BeginTransactionAsync(cancellation);
        var number = (await DocumentNumbers.TakeAsync((NpgsqlConnection)session.Connection!, today.Year, 1, cancellation))[0];
        var creditNoteId = Guid.NewGuid();
        InvoiceSettlement.Credit(session, stream, creditNoteId, number, today, command.AmountCents, command.Reason.Trim(),
            CurrentUser.From(principal).Actor, now);
        return Results.Created($"/api/staff/invoices/{invoiceId}", new CreditNoteIssuedResponse(creditNoteId, number));
    }

    /// <summary>Records a payment taken at the régie's counter; online payments arrive through PayFiP instead.</summary>
    [WolverinePost("/api/staff/invoices/{invoiceId}/payments"), Tags("Facturation")]
    [EndpointSummary("Enregistrer un paiement au guichet")]
    [EndpointDescription("Agents. Chèque, espèces ou autre, d'un montant au plus égal au reste dû.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<CounterPaymentRecorded>(201)]
    public static async Task<IResult> CounterPayment(Guid invoiceId, RecordCounterPayment command, IDocumentSession session, IClock clock,
        CommuneSettings commune, ClaimsPrincipal principal, CancellationToken cancellation)
    {
        if (await FetchAsync(session, invoiceId, cancellation) is not { Aggregate: { } invoice } stream) return Problems.NotFound(NoInvoice);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(commune.Zone).Date;
        var paidOn = command.PaidOn ?? today;
        var errors = new Errors().Require(command.AmountCents is > 0 and <= int.MaxValue / 2, "amountCents", "Le montant doit être positif.")
            .Require(PaymentMethods.Counter.Contains(command.Method), "method", $"Le mode de paiement doit être l'un de : {string.Join(", ", PaymentMethods.Counter)}.")
            .Require(paidOn <= today && paidOn >= invoice.IssuedOn, "paidOn", "La date de paiement doit être entre l'émission de la facture et aujourd'hui.");
        if (errors.Any) return Problems.Invalid(errors);
        // An online payment in progress may still be confirmed: what it covers cannot be taken at the counter meanwhile.
        var pending = (await session.Query<OnlinePayment>().Where(p => p.FamilyId == invoice.FamilyId && p.Status == PaymentStatus.Pending)
            .ToListAsync(cancellation)).SelectMany(p => p.Items).Where(i => i.InvoiceId == invoice.Id).Sum(i => i.AmountCents);
        if (command.AmountCents > invoice.BalanceCents - pending)
            return Problems.Unprocessable($"Le paiement dépasse le reste à payer de la facture ({Documents.FrenchFormat.Euros(invoice.BalanceCents)}" +
                                          (pending > 0 ? $", dont {Documents.FrenchFormat.Euros(pending)} en cours de paiement en ligne)." : ")."));

        var paymentId = Guid.NewGuid();
        InvoiceSettlement.Pay(session, stream, paymentId, command.Method, paidOn, command.AmountCents, CurrentUser.From(principal).Actor, now);
        return Results.Created($"/api/staff/invoices/{invoiceId}", new CounterPaymentRecorded(paymentId));
    }

    /// <summary>The invoice's stream for writing (null for no such invoice: Marten refuses the empty id).</summary>
    private static async Task<JasperFx.Events.IEventStream<Invoice>?> FetchAsync(IDocumentSession session, Guid invoiceId, CancellationToken cancellation) =>
        invoiceId == Guid.Empty ? null : await session.Events.FetchForWriting<Invoice>(invoiceId, cancellation);

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
