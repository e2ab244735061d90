using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Payments;
using Shouldly;
using Xunit;

namespace PortailFamille.Domain.Tests.Payments;

public class PayFiPRulesTests
{
    [Theory]
    [InlineData("P", PaymentStatus.Paid)]
    [InlineData("V", PaymentStatus.Paid)]
    [InlineData("R", PaymentStatus.Refused)]
    [InlineData("Z", PaymentStatus.Refused)]
    [InlineData("A", PaymentStatus.Cancelled)]
    [InlineData("X", null)]
    public void Resultrans_codes_give_the_payment_status(string resultrans, PaymentStatus? status) => PayFiPRules.StatusOf(resultrans).ShouldBe(status);

    [Fact]
    public void An_unfinished_payment_is_given_up_twenty_minutes_after_it_started_not_before()
    {
        var start = Instant.FromUtc(2026, 11, 2, 8, 0);
        PayFiPRules.GiveUp(start, start + Duration.FromMinutes(20) - Duration.FromSeconds(1)).ShouldBeFalse();
        PayFiPRules.GiveUp(start, start + Duration.FromMinutes(20)).ShouldBeTrue();
    }

    [Fact]
    public void Refdet_and_objet_follow_PayFiPs_alphabet_and_lengths()
    {
        var refdet = PayFiPRules.RefdetFor(Guid.NewGuid());
        PayFiPRules.Refdet().IsMatch(refdet).ShouldBeTrue();
        PayFiPRules.ObjetFor(["2026-000123", "2026-000124"]).ShouldBe("Factures 2026000123 2026000124");
        var many = PayFiPRules.ObjetFor(Enumerable.Range(1, 20).Select(n => $"2026-{n:D6}"));
        (many.Length <= 100 && PayFiPRules.Objet().IsMatch(many)).ShouldBeTrue();
    }

    [Fact]
    public void Each_field_outside_PayFiPs_rules_is_named()
    {
        PayFiPRules.Invalid("012345", "2026", "PF0123456789", "Factures 2026000001", "100", "a@b.fr", "T").ShouldBeEmpty();
        PayFiPRules.Invalid("12345", "26", "PF-1", "Facture n°1", "99", "a@b", "Q")
            .ShouldBe(["numcli", "exer", "refdet", "objet", "montant", "mel", "saisie"]);
        PayFiPRules.Invalid("012345", "2026", new string('A', 31), "é", "12a", new string('a', 79) + "@x.fr", "W")
            .ShouldBe(["refdet", "objet", "montant", "mel"]);
    }

    [Fact]
    public void An_answer_is_credited_only_when_amount_reference_client_year_and_operation_all_match()
    {
        var at = Instant.FromUtc(2026, 11, 2, 9, 0);
        var payment = OnlinePayment.Create(new PaymentInitiated(Guid.NewGuid(), Guid.NewGuid(), [], 1250, "PF0123456789ABCDEF", "idop-1", Actor.Parent(Guid.NewGuid()), at));
        PayFiPRules.Mismatches(payment, "012345", 2026, "1250", "PF0123456789ABCDEF", "012345", "2026", "idop-1").ShouldBeEmpty();
        PayFiPRules.Mismatches(payment, "012345", 2026, "1", "PFAUTRE", "999999", "2025", "idop-2")
            .ShouldBe(["montant", "refdet", "numcli", "exer", "idOp"]);
    }
}
