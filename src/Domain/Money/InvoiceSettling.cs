using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Money;

/// <summary>What settles an invoice: the event on the invoice's stream, and one event per inscription stream its lines
/// touch, so the invoice, inscription and family balances move together.</summary>
public sealed record Settlement(object OnInvoice, IReadOnlyDictionary<Guid, object> OnInscriptions);

/// <summary>The régie's rules for credit notes (avoirs) and payments on an issued invoice.</summary>
public static class InvoiceSettling
{
    public static Errors CheckAmount(Errors errors, int amountCents) =>
        errors.Require(amountCents is > 0 and <= int.MaxValue / 2, "amountCents", "Le montant doit être positif.");

    public static Errors CheckCreditNote(int amountCents, string? reason) =>
        CheckAmount(new Errors(), amountCents).RequireText(reason, "reason", "Le motif", 500);

    /// <summary>A credit note lowers what is still owed, so it cannot exceed it.</summary>
    public static string? RefuseCreditNote(Invoice invoice, int amountCents) => amountCents > invoice.BalanceCents
        ? $"L'avoir ne peut pas dépasser le reste à payer de la facture ({Euros.Format(invoice.BalanceCents)})."
        : null;

    /// <summary>A counter payment: a counter method, paid between the invoice's issue and today.</summary>
    public static Errors CheckCounterPayment(Invoice invoice, int amountCents, string? method, LocalDate paidOn, LocalDate today) =>
        CheckAmount(new Errors(), amountCents)
            .Require(PaymentMethods.Counter.Contains(method), "method", $"Le mode de paiement doit être l'un de : {string.Join(", ", PaymentMethods.Counter)}.")
            .Require(paidOn <= today && paidOn >= invoice.IssuedOn, "paidOn", "La date de paiement doit être entre l'émission de la facture et aujourd'hui.");

    /// <summary>What may be paid on the invoice now: its balance, less what online payments in progress cover (they may
    /// still be confirmed).</summary>
    public static int PayableCents(Invoice invoice, int pendingOnlineCents) => invoice.BalanceCents - pendingOnlineCents;

    public static string? RefuseCounterPayment(Invoice invoice, int amountCents, int pendingOnlineCents) =>
        amountCents > PayableCents(invoice, pendingOnlineCents)
            ? $"Le paiement dépasse le reste à payer de la facture ({Euros.Format(invoice.BalanceCents)}" +
              (pendingOnlineCents > 0 ? $", dont {Euros.Format(pendingOnlineCents)} en cours de paiement en ligne)." : ").")
            : null;

    /// <summary>An avoir numbered in the invoices' sequence, spread over the lines still owed (oldest days first).</summary>
    public static Settlement Credit(Invoice invoice, Guid creditNoteId, string number, LocalDate issuedOn, int amountCents, string reason,
        Actor by, Instant at)
    {
        var allocations = invoice.Allocate(amountCents);
        return new Settlement(
            new CreditNoteIssued(invoice.Id, invoice.FamilyId, creditNoteId, number, issuedOn, amountCents, reason.Trim(), allocations, by, at),
            allocations.GroupBy(a => a.InscriptionId).ToDictionary(part => part.Key,
                object (part) => new ChargeCredited(part.Key, invoice.Id, creditNoteId, number, part.ToList(), part.Sum(a => a.AmountCents), by, at)));
    }

    /// <summary>A payment (at the counter or confirmed by PayFiP), spread over the lines still owed (oldest days first).</summary>
    public static Settlement Pay(Invoice invoice, Guid paymentId, string method, LocalDate paidOn, int amountCents, Actor by, Instant at)
    {
        var allocations = invoice.Allocate(amountCents);
        return new Settlement(
            new PaymentReceived(invoice.Id, invoice.FamilyId, paymentId, method, paidOn, amountCents, allocations, by, at),
            allocations.GroupBy(a => a.InscriptionId).ToDictionary(part => part.Key,
                object (part) => new PaymentAllocated(part.Key, invoice.Id, paymentId, method, paidOn, part.ToList(), part.Sum(a => a.AmountCents), by, at)));
    }
}
