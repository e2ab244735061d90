using NodaTime;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;

namespace PortailFamille.Domain.Tests.Money;

/// <summary>Small rules the régie and the desk check before anything is decided.</summary>
public class InvoicingRulesTests
{
    [Fact]
    public void Only_an_ended_month_is_invoiced()
    {
        var today = new LocalDate(2026, 11, 1);
        InvoicingRules.RefuseMonth(new YearMonth(2026, 10), today).ShouldBeNull();
        InvoicingRules.RefuseMonth(new YearMonth(2026, 11), today).ShouldBe("Seul un mois terminé peut être facturé.");
        InvoicingRules.RefuseMonth(new YearMonth(2027, 1), today).ShouldNotBeNull();
    }

    [Fact]
    public void Staff_accept_or_refuse_with_a_short_reason()
    {
        StaffDecision.Check(StaffDecision.Accept, null).Any.ShouldBeFalse();
        StaffDecision.Check("oui", new string('x', 501)).ToDictionary().Keys.ShouldBe(["decision", "reason"], ignoreOrder: true);
        StaffDecision.Accepts(StaffDecision.Refuse).ShouldBeFalse();
    }

    [Fact]
    public void A_request_of_changes_names_each_day_and_unit_once_with_a_known_action()
    {
        var monday = new LocalDate(2026, 10, 12);
        ChangeRequests.Check([new ChangeAsked(monday, "REPAS", "book")]).Any.ShouldBeFalse();
        ChangeRequests.Check([]).ToDictionary().Keys.ShouldBe(["changes"]);
        ChangeRequests.Check([new ChangeAsked(monday, "REPAS", "book"), new ChangeAsked(monday, "REPAS", "cancel")]).Any.ShouldBeTrue();
        ChangeRequests.Check([new ChangeAsked(monday, "REPAS", "reserve")]).Any.ShouldBeTrue();
        ChangeRequests.Check([new ChangeAsked(monday, "", "book")]).Any.ShouldBeTrue();
        ChangeRequests.Check([.. Enumerable.Range(0, 201).Select(i => new ChangeAsked(monday.PlusDays(i), "REPAS", "book"))]).Any.ShouldBeTrue();
    }
}
