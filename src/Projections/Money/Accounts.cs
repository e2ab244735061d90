using Marten.Events.Aggregation;
using Marten.Events.Projections;
using NodaTime;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;

namespace PortailFamille.Projections.Money;

/// <summary>What a payment paid on one unit of an inscription, and when (the attestation fiscale sums these).</summary>
public sealed record PaidPart(Guid PaymentId, LocalDate PaidOn, string Unit, int AmountCents);

/// <summary>The money recorded on one inscription: charges frozen by invoicing, credit notes and payments allocated to it.
/// Charges not yet invoiced are not events; the account endpoints add them at read time.</summary>
public sealed class InscriptionAccount
{
    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public Guid ChildId { get; set; }
    public string ActivityCode { get; set; } = "";
    public int ChargedCents { get; set; }
    public int CreditedCents { get; set; }
    public int PaidCents { get; set; }
    public List<string> InvoicedMonths { get; set; } = [];
    public List<PaidPart> Paid { get; set; } = [];
}

public sealed class InscriptionAccountProjection : SingleStreamProjection<InscriptionAccount, Guid>
{
    public static InscriptionAccount Create(InscriptionOpened e) =>
        new() { Id = e.InscriptionId, FamilyId = e.FamilyId, ChildId = e.ChildId, ActivityCode = e.ActivityCode };

    public void Apply(MonthCharged e, InscriptionAccount account)
    {
        account.ChargedCents += e.AmountCents;
        if (!account.InvoicedMonths.Contains(e.Month)) account.InvoicedMonths.Add(e.Month);
    }

    public void Apply(ChargeCredited e, InscriptionAccount account) => account.CreditedCents += e.AmountCents;

    public void Apply(PaymentAllocated e, InscriptionAccount account)
    {
        account.PaidCents += e.AmountCents;
        account.Paid.AddRange(e.Allocations.Select(a => new PaidPart(e.PaymentId, e.PaidOn, a.Unit, a.AmountCents)));
    }
}

/// <summary>A family's invoices in total: issued, credited, paid, and which months have been invoiced.</summary>
public sealed class FamilyAccount
{
    public Guid Id { get; set; }
    public int InvoicedCents { get; set; }
    public int CreditedCents { get; set; }
    public int PaidCents { get; set; }
    public List<string> InvoicedMonths { get; set; } = [];

    public int InvoicesBalanceCents => InvoicedCents - CreditedCents - PaidCents;
}

public sealed class FamilyAccountProjection : MultiStreamProjection<FamilyAccount, Guid>
{
    public FamilyAccountProjection()
    {
        Identity<InvoiceIssued>(e => e.FamilyId);
        Identity<CreditNoteIssued>(e => e.FamilyId);
        Identity<PaymentReceived>(e => e.FamilyId);
    }

    public void Apply(InvoiceIssued e, FamilyAccount account)
    {
        account.Id = e.FamilyId;
        account.InvoicedCents += e.AmountCents;
        if (!account.InvoicedMonths.Contains(e.Month)) account.InvoicedMonths.Add(e.Month);
    }

    public void Apply(CreditNoteIssued e, FamilyAccount account) => account.CreditedCents += e.AmountCents;

    public void Apply(PaymentReceived e, FamilyAccount account) => account.PaidCents += e.AmountCents;
}
