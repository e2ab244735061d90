using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;

namespace PortailFamille.Domain.Tests.Money;

/// <summary>Credit notes, counter payments and online choices against what an invoice still owes.</summary>
public class InvoiceSettlingTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 20, 8, 0);
    private static readonly LocalDate IssuedOn = new(2026, 11, 2), Today = new(2026, 11, 20);
    private static readonly Guid Canteen = Guid.NewGuid(), Daycare = Guid.NewGuid();
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());
    private static readonly RegieRules WholeInvoices = new(PaymentAllowed: true, PartialPaymentAllowed: false);

    /// <summary>16,00 € over two inscriptions: canteen 4 × 2,50 € from the 5th, daycare 2 × 3,00 € from the 12th.</summary>
    private static Invoice Given(string number = "2026-000001") => Invoice.Create(new InvoiceIssued(Guid.NewGuid(), Guid.NewGuid(), number, "2026-10",
        IssuedOn, new Addressee("Mme Claire Martin", "1 rue Haute", null, "34120", "Lézignan-la-Cèbe"),
        [Line(Daycare, "SOIR", new LocalDate(2026, 10, 12), 2, 300), Line(Canteen, "REPAS", new LocalDate(2026, 10, 5), 4, 250)],
        1600, Actor.System, At));

    private static ChargeLine Line(Guid inscription, string unit, LocalDate first, int days, int price) =>
        new(inscription, Guid.NewGuid(), "Léa Martin", "X", "X", unit, 700, price, Enumerable.Range(0, days).Select(first.PlusDays).ToList(), days * price);

    private static OnlinePayment Pending(Invoice invoice, int cents) => OnlinePayment.Create(new PaymentInitiated(Guid.NewGuid(), invoice.FamilyId,
        [new PaymentItem(invoice.Id, invoice.Number, cents)], cents, "PF1", "op", Actor.Parent(Guid.NewGuid()), At));

    [Fact]
    public void A_credit_note_records_one_event_on_the_invoice_and_one_per_inscription_it_touches()
    {
        var invoice = Given();
        var creditNoteId = Guid.NewGuid();

        var settlement = InvoiceSettling.Credit(invoice, creditNoteId, "2026-000002", Today, 1100, "  absence justifiée ", Clerk, At);

        var issued = settlement.OnInvoice.ShouldBeOfType<CreditNoteIssued>();
        issued.Reason.ShouldBe("absence justifiée");
        issued.Allocations.ShouldBe([new LineAllocation(1, Canteen, "REPAS", 1000), new LineAllocation(0, Daycare, "SOIR", 100)]);
        settlement.OnInscriptions.Keys.ShouldBe([Canteen, Daycare], ignoreOrder: true);
        settlement.OnInscriptions[Daycare].ShouldBeOfType<ChargeCredited>().AmountCents.ShouldBe(100);
        settlement.OnInscriptions[Canteen].ShouldBeOfType<ChargeCredited>().Number.ShouldBe("2026-000002");
        invoice.Apply(issued).BalanceCents.ShouldBe(500);
    }

    [Fact]
    public void A_credit_note_cannot_exceed_what_is_still_owed()
    {
        var invoice = Given();
        var paid = invoice.Apply((PaymentReceived)InvoiceSettling.Pay(invoice, Guid.NewGuid(), PaymentMethods.Cash, Today, 1000, Clerk, At).OnInvoice);

        InvoiceSettling.RefuseCreditNote(paid, 601).ShouldBe("L'avoir ne peut pas dépasser le reste à payer de la facture (6,00 €).");
        InvoiceSettling.RefuseCreditNote(paid, 600).ShouldBeNull();
        InvoiceSettling.CheckCreditNote(0, " ").ToDictionary().Keys.ShouldBe(["amountCents", "reason"], ignoreOrder: true);
    }

    [Fact]
    public void A_counter_payment_is_refused_above_the_balance_less_what_is_being_paid_online()
    {
        var invoice = Given();

        InvoiceSettling.RefuseCounterPayment(invoice, 1600, 0).ShouldBeNull();
        InvoiceSettling.RefuseCounterPayment(invoice, 1100, 600)
            .ShouldBe("Le paiement dépasse le reste à payer de la facture (16,00 €, dont 6,00 € en cours de paiement en ligne).");
        InvoiceSettling.RefuseCounterPayment(invoice, 1000, 600).ShouldBeNull();
    }

    [Theory]
    [InlineData("cheque", "2026-11-02", true)]
    [InlineData("cheque", "2026-11-20", true)]
    [InlineData("cheque", "2026-11-01", false)] // before the invoice
    [InlineData("cheque", "2026-11-21", false)] // tomorrow
    [InlineData("payfip", "2026-11-10", false)] // PayFiP's payments arrive by themselves
    public void A_counter_payment_takes_a_counter_method_between_the_invoice_and_today(string method, string paidOn, bool valid)
    {
        var errors = InvoiceSettling.CheckCounterPayment(Given(), 500, method, NodaTime.Text.LocalDatePattern.Iso.Parse(paidOn).Value, Today);
        errors.Any.ShouldBe(!valid);
    }

    [Fact]
    public void Online_payment_refusals_in_the_regies_order()
    {
        var invoice = Given();
        var pending = OnlinePaymentChoice.PendingByInvoice([Pending(invoice, 600)]);

        OnlinePaymentChoice.Refuse([(invoice, 1600)], pending, WholeInvoices with { PaymentAllowed = false })
            .ShouldBe("La régie n'accepte pas le paiement en ligne.");
        OnlinePaymentChoice.Refuse([(invoice, 1600)], pending, WholeInvoices)
            .ShouldBe("Le montant pour la facture 2026-000001 dépasse ce qui reste à payer (10,00 €, paiements en cours déduits).");
        OnlinePaymentChoice.Refuse([(invoice, 1000)], new Dictionary<Guid, int>(), WholeInvoices)
            .ShouldBe("La régie n'accepte pas le paiement partiel : la facture 2026-000001 se règle en entier.");
        OnlinePaymentChoice.Refuse([(invoice, 99)], new Dictionary<Guid, int>(), WholeInvoices with { PartialPaymentAllowed = true })
            .ShouldBe("Un paiement en ligne doit être d'au moins 1,00 €.");
        OnlinePaymentChoice.Refuse([(invoice, 1600)], new Dictionary<Guid, int>(), WholeInvoices).ShouldBeNull();
        OnlinePaymentChoice.Refuse([(invoice, 1000)], pending, WholeInvoices with { PartialPaymentAllowed = true }).ShouldBeNull();
    }

    [Fact]
    public void Only_payments_still_in_progress_count_as_pending()
    {
        var invoice = Given();
        var ended = Pending(invoice, 300).Apply(new PaymentRefused(Guid.NewGuid(), "R", Actor.PayFiP, At));

        OnlinePaymentChoice.PendingByInvoice([Pending(invoice, 600), Pending(invoice, 200), ended])
            .ShouldBe(new Dictionary<Guid, int> { [invoice.Id] = 800 });
    }

    [Fact]
    public void An_online_choice_names_1_to_24_distinct_invoices_with_positive_amounts()
    {
        var id = Guid.NewGuid();
        OnlinePaymentChoice.Check([]).Any.ShouldBeTrue();
        OnlinePaymentChoice.Check([(id, 100), (id, 200)]).Any.ShouldBeTrue();
        OnlinePaymentChoice.Check([(id, 0)]).Any.ShouldBeTrue();
        OnlinePaymentChoice.Check([.. Enumerable.Range(0, 25).Select(_ => (Guid.NewGuid(), 100))]).Any.ShouldBeTrue();
        OnlinePaymentChoice.Check([.. Enumerable.Range(0, 24).Select(_ => (Guid.NewGuid(), 100))]).Any.ShouldBeFalse();
    }
}
