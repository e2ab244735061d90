using System.Text.Json.Serialization;
using NodaTime;

namespace PortailFamille.Domain.Money;

/// <summary>What is left to pay on an invoice.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvoiceStatus>))]
public enum InvoiceStatus
{
    [JsonStringEnumMemberName("unpaid")] Unpaid,
    [JsonStringEnumMemberName("partially-paid")] PartiallyPaid,
    [JsonStringEnumMemberName("paid")] Paid,
}

public sealed record CreditNote(Guid CreditNoteId, string Number, LocalDate IssuedOn, int AmountCents, string Reason);

public sealed record InvoicePayment(Guid PaymentId, string Method, LocalDate PaidOn, int AmountCents);

/// <summary>An invoice (facture) as its stream says it is now: what was issued, and what credit notes and payments
/// have settled, line by line.</summary>
public sealed record Invoice(
    Guid Id, Guid FamilyId, string Number, string Month, LocalDate IssuedOn, Addressee To, IReadOnlyList<ChargeLine> Lines,
    int AmountCents, IReadOnlyList<int> SettledCents, IReadOnlyList<CreditNote> CreditNotes, IReadOnlyList<InvoicePayment> Payments,
    Instant IssuedAt)
{
    public static Invoice Create(InvoiceIssued e) => new(e.InvoiceId, e.FamilyId, e.Number, e.Month, e.IssuedOn, e.To, e.Lines,
        e.AmountCents, e.Lines.Select(_ => 0).ToList(), [], [], e.At);

    public Invoice Apply(CreditNoteIssued e) => Settle(e.Allocations) with
    {
        CreditNotes = [.. CreditNotes, new CreditNote(e.CreditNoteId, e.Number, e.IssuedOn, e.AmountCents, e.Reason)],
    };

    public Invoice Apply(PaymentReceived e) => Settle(e.Allocations) with
    {
        Payments = [.. Payments, new InvoicePayment(e.PaymentId, e.Method, e.PaidOn, e.AmountCents)],
    };

    public int CreditedCents => CreditNotes.Sum(c => c.AmountCents);
    public int PaidCents => Payments.Sum(p => p.AmountCents);
    public int BalanceCents => AmountCents - CreditedCents - PaidCents;

    public InvoiceStatus Status => BalanceCents <= 0 ? InvoiceStatus.Paid
        : PaidCents + CreditedCents > 0 ? InvoiceStatus.PartiallyPaid
        : InvoiceStatus.Unpaid;

    /// <summary>Spreads an amount over the lines still owed, oldest service days first (API.md "Money").</summary>
    public IReadOnlyList<LineAllocation> Allocate(int amountCents)
    {
        if (amountCents <= 0 || amountCents > BalanceCents)
            throw new ArgumentOutOfRangeException(nameof(amountCents), "An allocation must be positive and at most the invoice's balance.");
        var allocations = new List<LineAllocation>();
        var left = amountCents;
        foreach (var index in Enumerable.Range(0, Lines.Count).OrderBy(i => Lines[i].Dates[0]).ThenBy(i => i))
        {
            var owed = Lines[index].AmountCents - SettledCents[index];
            if (owed <= 0) continue;
            var part = Math.Min(owed, left);
            allocations.Add(new LineAllocation(index, Lines[index].InscriptionId, Lines[index].Unit, part));
            left -= part;
            if (left == 0) break;
        }
        return allocations;
    }

    private Invoice Settle(IReadOnlyList<LineAllocation> allocations)
    {
        var settled = SettledCents.ToArray();
        foreach (var a in allocations) settled[a.Line] += a.AmountCents;
        return this with { SettledCents = settled };
    }
}
