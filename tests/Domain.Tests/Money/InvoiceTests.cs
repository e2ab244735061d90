using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;
using Shouldly;
using Xunit;

namespace PortailFamille.Domain.Tests.Money;

public class InvoiceTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 2, 8, 0);
    private static readonly Guid Canteen = Guid.NewGuid(), Daycare = Guid.NewGuid();

    /// <summary>Line 0 starts on the 12th, line 1 on the 5th: line 1 is the oldest.</summary>
    private static Invoice Issued() => Invoice.Create(new InvoiceIssued(Guid.NewGuid(), Guid.NewGuid(), "2026-000001", "2026-10",
        new LocalDate(2026, 11, 2), new Addressee("Mme Claire Martin", "1 rue Haute", null, "34120", "Lézignan-la-Cèbe"),
        [Line(Daycare, "SOIR", new LocalDate(2026, 10, 12), 2, 300), Line(Canteen, "REPAS", new LocalDate(2026, 10, 5), 4, 250)],
        1600, Actor.System, At));

    private static ChargeLine Line(Guid inscription, string unit, LocalDate first, int days, int price) =>
        new(inscription, Guid.NewGuid(), "Léa Martin", "X", "X", unit, 700, price,
            Enumerable.Range(0, days).Select(first.PlusDays).ToList(), days * price);

    [Fact]
    public void A_payment_settles_the_oldest_lines_first()
    {
        var invoice = Issued();
        invoice.Allocate(1200).ShouldBe([new LineAllocation(1, Canteen, "REPAS", 1000), new LineAllocation(0, Daycare, "SOIR", 200)]);
    }

    [Fact]
    public void Settled_lines_are_skipped_by_the_next_allocation()
    {
        var invoice = Issued();
        invoice = invoice.Apply(new PaymentReceived(invoice.Id, invoice.FamilyId, Guid.NewGuid(), PaymentMethods.Cheque, new LocalDate(2026, 11, 3),
            700, invoice.Allocate(700), Actor.System, At));
        invoice.Allocate(900).ShouldBe([new LineAllocation(1, Canteen, "REPAS", 300), new LineAllocation(0, Daycare, "SOIR", 600)]);
    }

    [Fact]
    public void Status_follows_credit_notes_and_payments()
    {
        var invoice = Issued();
        invoice.Status.ShouldBe(InvoiceStatus.Unpaid);
        invoice = invoice.Apply(new CreditNoteIssued(invoice.Id, invoice.FamilyId, Guid.NewGuid(), "2026-000002", new LocalDate(2026, 11, 3), 600,
            "Repas du 5 non servi", invoice.Allocate(600), Actor.System, At));
        (invoice.Status, invoice.BalanceCents, invoice.CreditedCents).ShouldBe((InvoiceStatus.PartiallyPaid, 1000, 600));
        invoice = invoice.Apply(new PaymentReceived(invoice.Id, invoice.FamilyId, Guid.NewGuid(), PaymentMethods.Cash, new LocalDate(2026, 11, 4),
            1000, invoice.Allocate(1000), Actor.System, At));
        (invoice.Status, invoice.BalanceCents, invoice.SettledCents.Sum()).ShouldBe((InvoiceStatus.Paid, 0, 1600));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1601)]
    public void Nothing_can_be_allocated_beyond_the_balance(int amount) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Issued().Allocate(amount));
}
