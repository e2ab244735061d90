using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;

namespace PortailFamille.Domain.Payments;

/// <summary>The régie's rules for what a parent may pay online (DOMAIN.md "Paiement en ligne").</summary>
public sealed record RegieRules(bool PaymentAllowed, bool PartialPaymentAllowed);

/// <summary>What a parent chose to pay online: invoices and amounts, checked against what each invoice still owes.</summary>
public static class OnlinePaymentChoice
{
    public const int MaxItems = 24;

    public static Errors Check(IReadOnlyList<(Guid InvoiceId, int AmountCents)> items) => new Errors()
        .Require(items.Count is > 0 and <= MaxItems, "items", $"Choisissez de 1 à {MaxItems} factures.")
        .Require(items.DistinctBy(i => i.InvoiceId).Count() == items.Count, "items", "Une facture ne peut figurer qu'une fois.")
        .Require(items.All(i => i.AmountCents > 0), "items", "Chaque montant doit être positif.");

    /// <summary>What online payments still in progress cover, by invoice.</summary>
    public static IReadOnlyDictionary<Guid, int> PendingByInvoice(IEnumerable<OnlinePayment> payments) =>
        payments.Where(p => p.IsPending).SelectMany(p => p.Items).GroupBy(i => i.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(i => i.AmountCents));

    /// <summary>Why the régie refuses the choice, or null: online payment closed, an amount above what is payable (balance
    /// less payments in progress), part of an invoice where only whole invoices are taken, a total under PayFiP's minimum.</summary>
    public static string? Refuse(IReadOnlyList<(Invoice Invoice, int AmountCents)> choice, IReadOnlyDictionary<Guid, int> pending, RegieRules regie)
    {
        if (!regie.PaymentAllowed) return "La régie n'accepte pas le paiement en ligne.";
        foreach (var (invoice, amount) in choice)
        {
            var payable = InvoiceSettling.PayableCents(invoice, pending.GetValueOrDefault(invoice.Id));
            if (amount > payable)
                return $"Le montant pour la facture {invoice.Number} dépasse ce qui reste à payer ({Euros.Format(Math.Max(0, payable))}, paiements en cours déduits).";
            if (amount < invoice.BalanceCents && !regie.PartialPaymentAllowed)
                return $"La régie n'accepte pas le paiement partiel : la facture {invoice.Number} se règle en entier.";
        }
        return choice.Sum(c => c.AmountCents) < PayFiPRules.MinimumCents
            ? $"Un paiement en ligne doit être d'au moins {Euros.Format(PayFiPRules.MinimumCents)}."
            : null;
    }
}
