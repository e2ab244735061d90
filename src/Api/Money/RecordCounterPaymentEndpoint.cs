using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Money;

/// <summary>A payment the régie took at its counter (cash, cheque, CESU, transfer); <c>paidOn</c> defaults to today.</summary>
public sealed record RecordCounterPayment(int AmountCents, string Method, LocalDate? PaidOn = null);

public sealed record CounterPaymentRecorded(Guid PaymentId);

/// <summary>What online payments in progress cover on the invoice: they may still be confirmed.</summary>
public sealed record PendingOnline(int Cents);

public static class RecordCounterPaymentEndpoint
{
    public static async Task<PendingOnline> LoadAsync([NotBody] Invoice? invoice, IDocumentSession session, CancellationToken cancellation)
    {
        if (invoice is null) return new PendingOnline(0);
        var pending = await session.Query<OnlinePayment>().Where(p => p.FamilyId == invoice.FamilyId && p.Status == PaymentStatus.Pending)
            .ToListAsync(cancellation);
        return new PendingOnline(OnlinePaymentChoice.PendingByInvoice(pending).GetValueOrDefault(invoice.Id));
    }

    public static ProblemDetails Validate(RecordCounterPayment command, [NotBody] Invoice? invoice, PendingOnline pending, Moment moment) =>
        invoice is null ? InvoiceProblems.NoSuchInvoice
        : InvoiceSettling.CheckCounterPayment(invoice, command.AmountCents, command.Method, command.PaidOn ?? moment.Today, moment.Today) is { Any: true } errors
            ? Problems.InvalidDetails(errors)
        : InvoiceSettling.RefuseCounterPayment(invoice, command.AmountCents, pending.Cents) is { } refusal ? Problems.UnprocessableDetails(refusal)
        : WolverineContinue.NoProblems;

    /// <summary>Records a payment taken at the régie's counter; online payments arrive through PayFiP instead.</summary>
    [WolverinePost("/api/staff/invoices/{invoiceId}/payments"), Tags("Facturation")]
    [EndpointSummary("Enregistrer un paiement au guichet")]
    [EndpointDescription("Agents. Chèque, espèces ou autre, d'un montant au plus égal au reste dû (paiements en ligne en cours déduits).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<CounterPaymentRecorded>(201), ProducesResponseType<ValidationProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, OtherStreams) Post(RecordCounterPayment command, [WriteAggregate("invoiceId", Required = false)] Invoice invoice,
        CurrentUser user, Moment moment)
    {
        var paymentId = Guid.NewGuid();
        var settlement = InvoiceSettling.Pay(invoice, paymentId, command.Method, command.PaidOn ?? moment.Today, command.AmountCents, user.Actor, moment.At);
        return (Results.Created($"/api/staff/invoices/{invoice.Id}", new CounterPaymentRecorded(paymentId)), [settlement.OnInvoice], settlement.OnInscriptions());
    }
}
