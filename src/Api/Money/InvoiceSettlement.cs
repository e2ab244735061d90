using JasperFx.Events;
using Marten;
using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Money;

/// <summary>Records what settles an invoice on its stream and, line by line, on the inscription streams it touches,
/// so the invoice, inscription and family balances move together in one transaction.</summary>
public static class InvoiceSettlement
{
    public static void Pay(IDocumentSession session, IEventStream<Invoice> stream, Guid paymentId, string method, LocalDate paidOn, int amountCents,
        Actor by, Instant at)
    {
        var invoice = stream.Aggregate!;
        var allocations = invoice.Allocate(amountCents);
        stream.AppendOne(new PaymentReceived(invoice.Id, invoice.FamilyId, paymentId, method, paidOn, amountCents, allocations, by, at));
        foreach (var part in allocations.GroupBy(a => a.InscriptionId))
            session.Events.Append(part.Key, new PaymentAllocated(part.Key, invoice.Id, paymentId, method, paidOn, part.ToList(),
                part.Sum(a => a.AmountCents), by, at));
    }

    public static void Credit(IDocumentSession session, IEventStream<Invoice> stream, Guid creditNoteId, string number, LocalDate issuedOn,
        int amountCents, string reason, Actor by, Instant at)
    {
        var invoice = stream.Aggregate!;
        var allocations = invoice.Allocate(amountCents);
        stream.AppendOne(new CreditNoteIssued(invoice.Id, invoice.FamilyId, creditNoteId, number, issuedOn, amountCents, reason, allocations, by, at));
        foreach (var part in allocations.GroupBy(a => a.InscriptionId))
            session.Events.Append(part.Key, new ChargeCredited(part.Key, invoice.Id, creditNoteId, number, part.ToList(), part.Sum(a => a.AmountCents), by, at));
    }
}
