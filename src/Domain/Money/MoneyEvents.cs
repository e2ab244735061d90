using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Money;

/// <summary>One invoice line: the days of one child's activity and unit charged at one unit price.
/// <c>Qf</c> is the quotient familial the price was taken for.</summary>
public sealed record ChargeLine(
    Guid InscriptionId, Guid ChildId, string ChildName, string ActivityCode, string ActivityLabel, string Unit,
    int Qf, int UnitPriceCents, IReadOnlyList<LocalDate> Dates, int AmountCents)
{
    public int Days => Dates.Count;
}

/// <summary>Part of a payment or credit note settled on one invoice line (its index in the invoice).</summary>
public sealed record LineAllocation(int Line, Guid InscriptionId, string Unit, int AmountCents);

/// <summary>Who an invoice is addressed to, as the family file said when it was issued.</summary>
public sealed record Addressee(string Name, string Line1, string? Line2, string PostalCode, string City);

/// <summary>On the inscription stream: the month's charges, frozen when the month is invoiced.</summary>
public sealed record MonthCharged(Guid InscriptionId, Guid InvoiceId, string Number, string Month, IReadOnlyList<ChargeLine> Lines,
    int AmountCents, Actor By, Instant At);

/// <summary>On the invoice's own stream: the invoice as issued; it never changes afterwards.</summary>
public sealed record InvoiceIssued(Guid InvoiceId, Guid FamilyId, string Number, string Month, LocalDate IssuedOn, Addressee To,
    IReadOnlyList<ChargeLine> Lines, int AmountCents, Actor By, Instant At);

/// <summary>An avoir on an invoice: it lowers what is owed on the lines it is allocated to.</summary>
public sealed record CreditNoteIssued(Guid InvoiceId, Guid FamilyId, Guid CreditNoteId, string Number, LocalDate IssuedOn, int AmountCents,
    string Reason, IReadOnlyList<LineAllocation> Allocations, Actor By, Instant At);

/// <summary>On each inscription stream a credit note touches.</summary>
public sealed record ChargeCredited(Guid InscriptionId, Guid InvoiceId, Guid CreditNoteId, string Number, IReadOnlyList<LineAllocation> Allocations,
    int AmountCents, Actor By, Instant At);

/// <summary>A payment settled on an invoice (<c>Method</c>: payfip, or what the régie took at its counter).</summary>
public sealed record PaymentReceived(Guid InvoiceId, Guid FamilyId, Guid PaymentId, string Method, LocalDate PaidOn, int AmountCents,
    IReadOnlyList<LineAllocation> Allocations, Actor By, Instant At);

/// <summary>On each inscription stream a payment touches: what it paid there, unit by unit.</summary>
public sealed record PaymentAllocated(Guid InscriptionId, Guid InvoiceId, Guid PaymentId, string Method, LocalDate PaidOn,
    IReadOnlyList<LineAllocation> Allocations, int AmountCents, Actor By, Instant At);

public static class PaymentMethods
{
    public const string PayFiP = "payfip";
    public const string Cash = "especes";
    public const string Cheque = "cheque";
    public const string Cesu = "cesu";
    public const string Transfer = "virement";
    /// <summary>What the régie may record at its counter (PayFiP payments arrive by themselves).</summary>
    public static readonly string[] Counter = [Cash, Cheque, Cesu, Transfer];
}
