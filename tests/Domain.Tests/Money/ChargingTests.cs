using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Tests.Bookings;
using Shouldly;
using Xunit;

namespace PortailFamille.Domain.Tests.Money;

public class ChargingTests
{
    private static readonly LocalDate Mon = new(2026, 10, 5), Tue = new(2026, 10, 6), Thu = new(2026, 10, 8), Fri = new(2026, 10, 9);
    private static readonly LocalDate October1 = new(2026, 10, 1), October31 = new(2026, 10, 31);
    private static readonly Instant At = Instant.FromUtc(2026, 9, 20, 8, 0);
    private static readonly SeatEvidence Seat = new(1, 64);

    /// <summary>Three brackets: under 500, 500 to 1000, 1000 and over.</summary>
    private static readonly IReadOnlyList<TariffBracket> Brackets =
    [
        new(0, 500, new Dictionary<string, int> { ["REPAS"] = 100 }),
        new(500, 1000, new Dictionary<string, int> { ["REPAS"] = 250 }),
        new(1000, null, new Dictionary<string, int> { ["REPAS"] = 400 }),
    ];

    private static Activity Canteen() => BookingFixture.Canteen() with { TariffHistory = [new TariffGrid(new LocalDate(2026, 9, 1), Brackets, At)] };

    private static Family FamilyWithQf(int qf) => Family.Create(new FamilyFileCreated(Guid.NewGuid(), "Mme", "Claire", "Martin",
        new Address("1 rue Haute", "34120", "Lézignan-la-Cèbe"), "claire@example.test", new Phones(), new Allocataire(), qf,
        new LocalDate(2026, 1, 1), 2, BookingFixture.Parent, At));

    private static Inscription Booked(params LocalDate[] days) =>
        days.Aggregate(BookingFixture.Child(), (i, d) => i.Apply(new DayBooked(i.Id, Slot(d), At, Seat, BookingFixture.Parent, At)));

    private static Slot Slot(LocalDate d) => new("CANTINE", "PRIMAIRE", "REPAS", d);

    private static IReadOnlyList<ChargedDay> Charge(Inscription inscription, Family? family = null, Activity? activity = null) =>
        Charging.Days(inscription, activity ?? Canteen(), family ?? FamilyWithQf(700), October1, October31);

    [Fact]
    public void Given_a_month_charged_its_days_show_as_charged_on_the_inscription_and_no_other_day_does()
    {
        var inscription = Booked(Mon, Tue, Thu);
        var line = new ChargeLine(inscription.Id, Guid.NewGuid(), "Léo Martin", "CANTINE", "CANTINE 2026-2027", "REPAS", 700, 250, [Mon, Tue], 500);
        var otherChild = line with { InscriptionId = Guid.NewGuid(), Dates = [Thu] };
        var charged = inscription.Apply(new MonthCharged(inscription.Id, Guid.NewGuid(), "2026-000001", "2026-10", [line, otherChild], 500, BookingFixture.Parent, At));
        charged.IsCharged(Mon, "REPAS").ShouldBeTrue();
        charged.IsCharged(Tue, "REPAS").ShouldBeTrue();
        charged.IsCharged(Thu, "REPAS").ShouldBeFalse(); // another inscription's line of the same invoice
        charged.IsCharged(Mon, "GOUTER").ShouldBeFalse();
        inscription.IsCharged(Mon, "REPAS").ShouldBeFalse();
    }

    [Fact]
    public void A_booked_day_is_charged_at_the_price_of_the_family_bracket()
    {
        var days = Charge(Booked(Mon, Tue));
        days.Select(d => (d.Date, d.Basis, d.PriceCents)).ShouldBe([(Mon, ChargeBasis.Booked, 250), (Tue, ChargeBasis.Booked, 250)]);
    }

    [Fact]
    public void A_free_unit_such_as_a_free_shuttle_trip_is_never_charged_even_for_a_bracket_that_pays_the_rest()
    {
        var free = new List<TariffBracket> { new(0, 500, new Dictionary<string, int> { ["REPAS"] = 0 }), new(500, null, new Dictionary<string, int> { ["REPAS"] = 250 }) };
        var activity = BookingFixture.Canteen() with { TariffHistory = [new TariffGrid(new LocalDate(2026, 9, 1), free, At)] };
        Charge(Booked(Mon, Tue), FamilyWithQf(300), activity).ShouldBeEmpty();
        Charge(Booked(Mon), FamilyWithQf(700), activity).Single().PriceCents.ShouldBe(250);
    }

    [Fact]
    public void Present_and_unjustified_absent_days_are_charged_a_justified_absence_is_not()
    {
        var inscription = Booked(Mon, Tue, Thu);
        inscription = inscription.Apply(new AttendanceMarked(inscription.Id, Mon, "REPAS", AttendanceMark.Present, Actor(), At))
            .Apply(new AttendanceMarked(inscription.Id, Tue, "REPAS", AttendanceMark.Absent, Actor(), At))
            .Apply(new AttendanceMarked(inscription.Id, Thu, "REPAS", AttendanceMark.AbsentJustified, Actor(), At));
        Charge(inscription).Select(d => (d.Date, d.Basis)).ShouldBe([(Mon, ChargeBasis.Present), (Tue, ChargeBasis.Absent)]);
    }

    [Fact]
    public void A_corrected_mark_counts_as_last_recorded()
    {
        var inscription = Booked(Mon);
        inscription = inscription.Apply(new AttendanceMarked(inscription.Id, Mon, "REPAS", AttendanceMark.Absent, Actor(), At))
            .Apply(new AttendanceMarked(inscription.Id, Mon, "REPAS", AttendanceMark.AbsentJustified, Actor(), At.Plus(Duration.FromHours(1))));
        Charge(inscription).ShouldBeEmpty();
    }

    [Fact]
    public void A_late_cancellation_keeps_the_day_charged()
    {
        var inscription = Booked(Mon);
        inscription = inscription.Apply(new ChangeRefused(inscription.Id, Mon, "REPAS", BookingAction.Cancel, RefusalReason.Deadline, At, BookingFixture.Parent, At));
        Charge(inscription).Single().Basis.ShouldBe(ChargeBasis.LateCancellation);
    }

    [Fact]
    public void Days_cancelled_in_time_or_closed_cost_nothing()
    {
        var inscription = Booked(Mon, Tue);
        inscription = inscription.Apply(new DayCancelled(inscription.Id, Slot(Mon), At, Cause.Parent, BookingFixture.Parent, At))
            .Apply(new DayCancelled(inscription.Id, Slot(Tue), null, Cause.Closure, Actor(), At));
        Charge(inscription).ShouldBeEmpty();
    }

    [Fact]
    public void A_waitlisted_day_is_charged_only_once_promoted()
    {
        var inscription = BookingFixture.Child();
        inscription = inscription.Apply(new DayWaitlisted(inscription.Id, Slot(Mon), At, new SeatEvidence(64, 64), 1, BookingFixture.Parent, At))
            .Apply(new DayWaitlisted(inscription.Id, Slot(Tue), At, new SeatEvidence(64, 64), 1, BookingFixture.Parent, At))
            .Apply(new WaitlistExpired(inscription.Id, Slot(Mon), At, Actor(), At))
            .Apply(new WaitlistPromoted(inscription.Id, Slot(Tue), Seat, Cause.Cancellation, Actor(), At));
        Charge(inscription).Select(d => d.Date).ShouldBe([Tue]);
    }

    [Fact]
    public void A_pending_booking_is_not_charged_a_pending_cancellation_still_holds_its_seat()
    {
        var inscription = Booked(Tue);
        inscription = inscription.Apply(new BookingRequested(inscription.Id, Slot(Mon), At, BookingFixture.Parent, At))
            .Apply(new CancellationRequested(inscription.Id, Slot(Tue), At, BookingFixture.Parent, At));
        Charge(inscription).Select(d => d.Date).ShouldBe([Tue]);
    }

    [Fact]
    public void Days_outside_the_range_are_left_for_their_own_month()
    {
        var inscription = Booked(new LocalDate(2026, 9, 29), Mon, new LocalDate(2026, 11, 2));
        Charge(inscription).Select(d => d.Date).ShouldBe([Mon]);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(499, 100)]
    [InlineData(500, 250)] // toQf is excluded: 500 belongs to the second bracket
    [InlineData(999, 250)]
    [InlineData(1000, 400)]
    [InlineData(25000, 400)]
    public void The_bracket_holding_the_QF_gives_the_price(int qf, int price) =>
        Charging.PriceFor(Brackets, qf, "REPAS").ShouldBe(price);

    [Fact]
    public void A_QF_changed_mid_month_prices_each_day_with_the_QF_in_force_that_day()
    {
        var family = FamilyWithQf(700).Apply(new QuotientFamilialChanged(Guid.NewGuid(), 1200, Thu, Actor(), At));
        var inscription = Booked(Mon, Tue, Thu, Fri);
        var days = Charge(inscription, family);
        days.Select(d => (d.Date, d.Qf, d.PriceCents)).ShouldBe([(Mon, 700, 250), (Tue, 700, 250), (Thu, 1200, 400), (Fri, 1200, 400)]);

        var child = new Child(inscription.ChildId, "Léa", "Martin", new LocalDate(2019, 3, 2), "F");
        var lines = Charging.Lines(inscription, Canteen(), child, days);
        lines.Select(l => (l.Days, l.UnitPriceCents, l.AmountCents)).ShouldBe([(2, 250, 500), (2, 400, 800)]);
    }

    [Fact]
    public void A_tariff_change_applies_to_days_from_its_effective_date()
    {
        var raised = Brackets.Select(b => b with { PriceCents = new Dictionary<string, int> { ["REPAS"] = b.PriceCents["REPAS"] + 10 } }).ToList();
        var activity = Canteen().Apply(new TariffsChanged(Guid.NewGuid(), Thu, raised, Actor(), At));
        Charge(Booked(Tue, Thu), activity: activity).Select(d => d.PriceCents).ShouldBe([250, 260]);
    }

    [Fact]
    public void Invoice_numbers_are_six_digits_per_year() =>
        (InvoiceNumber.Format(2026, 123), InvoiceNumber.Format(2027, 1)).ShouldBe(("2026-000123", "2027-000001"));

    private static Common.Actor Actor() => Common.Actor.Staff(Guid.Empty);

    [Fact]
    public void A_months_invoice_holds_the_lines_of_the_familys_own_children_in_print_order_and_charges_each_inscription_its_share()
    {
        var (lea, tom) = (Guid.NewGuid(), Guid.NewGuid());
        var family = FamilyWithQf(700);
        family = family.Apply(new ChildAdded(family.Id, tom, "Tom", "Martin", new LocalDate(2017, 5, 2), "M", BookingFixture.Parent, At))
            .Apply(new ChildAdded(family.Id, lea, "Léa", "Martin", new LocalDate(2019, 3, 4), "F", BookingFixture.Parent, At));
        var forTom = Booked(Mon, Tue) with { ChildId = tom, FamilyId = family.Id };
        var forLea = Booked(Thu) with { ChildId = lea, FamilyId = family.Id };
        var noLongerHers = Booked(Fri) with { FamilyId = family.Id }; // a child who left the family is not invoiced to it
        var clerk = Common.Actor.Staff(Guid.NewGuid());

        var lines = InvoicingRules.LinesOf(family, [forTom, forLea, noLongerHers], new Dictionary<string, Activity> { ["CANTINE"] = Canteen() },
            new DateInterval(October1, October31));
        var issuance = InvoicingRules.Issue(Guid.NewGuid(), family, "2026-000001", "2026-10", new LocalDate(2026, 11, 2), lines, clerk, At);

        lines.Select(l => (l.ChildName, l.Dates.Count, l.AmountCents)).ShouldBe([("Léa Martin", 1, 250), ("Tom Martin", 2, 500)]);
        issuance.Issued.AmountCents.ShouldBe(750);
        issuance.Issued.To.Name.ShouldBe("Mme Claire Martin");
        issuance.Charged.Select(c => (c.InscriptionId, c.InvoiceId, c.AmountCents)).ShouldBe(
            [(forLea.Id, issuance.Issued.InvoiceId, 250), (forTom.Id, issuance.Issued.InvoiceId, 500)]);
    }
}
