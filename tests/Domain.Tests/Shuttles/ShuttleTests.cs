using System.Collections.Immutable;
using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Shuttles;
using PortailFamille.Domain.Tests.Bookings;

namespace PortailFamille.Domain.Tests.Shuttles;

/// <summary>The Wednesday noon bus from the school to the centre (aller only), serving the Wednesday activity.</summary>
public class ShuttleTests
{
    private static readonly LocalDate Wednesday = new(2026, 10, 7);
    private static readonly Instant Now = BookingFixture.Paris(2026, 10, 1, 9, 0);
    private static readonly ShuttleStop School = new("École Jean Moulin", new LocalTime(11, 45), null);
    private static readonly ShuttleStop Centre = new("Centre de loisirs", new LocalTime(12, 5), null);

    private static Activity Line(int capacity = 2) => new(
        Guid.NewGuid(), "NAVETTE-MIDI", "Navette du mercredi midi", "NAVETTE", new LocalDate(2026, 9, 2), new LocalDate(2027, 6, 30),
        [IsoDayOfWeek.Wednesday], [ShuttleDirections.Outbound], [],
        [new GroupCapacity(ShuttleDirections.Group, new Dictionary<string, int> { [ShuttleDirections.Outbound] = capacity })],
        new Deadline(2, true, new LocalTime(10, 0)), new Deadline(2, true, new LocalTime(10, 0)), ValidationModes.Automatic,
        [new TariffGrid(new LocalDate(2026, 9, 2), [new TariffBracket(0, null, new Dictionary<string, int> { [ShuttleDirections.Outbound] = 0 })], Instant.MinValue)],
        new ShuttleRoute([School, Centre], ["MERCREDI"]));

    private static DayRules Rules(int capacity = 2) => new(Line(capacity), BookingFixture.Calendar, BookingFixture.Zone);

    private static Inscription WednesdayInscription(params LocalDate[] booked)
    {
        var inscription = new Inscription(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "MERCREDI", "PRIMAIRE", new LocalDate(2026, 9, 1),
            new LocalDate(2027, 7, 2), ImmutableDictionary<CellKey, Cell>.Empty);
        foreach (var day in booked)
            inscription = inscription.Apply(new DayBooked(inscription.Id, new Slot("MERCREDI", "PRIMAIRE", "MATIN", day), Now, new SeatEvidence(0, 10),
                BookingFixture.Parent, Now));
        return inscription;
    }

    private static Inscription Joined(Inscription served)
    {
        var events = ShuttleRules.Join(Line(), served, School.Name, BookingFixture.Parent, Now);
        return Inscription.Create((InscriptionOpened)events[0]).Apply((ShuttleStopChosen)events[1]);
    }

    private static SeatLedger Seats(int taken = 0, int capacity = 2) =>
        new(new Dictionary<string, SeatRow> { [new Slot("NAVETTE-MIDI", ShuttleDirections.Group, ShuttleDirections.Outbound, Wednesday).Key] = new(taken, capacity, 0) });

    private static Change Book(LocalDate day) => new(day, ShuttleDirections.Outbound, BookingAction.Book);

    [Fact]
    public void A_route_is_stops_in_the_aller_order_with_times_rising_the_way_the_bus_runs()
    {
        ShuttleRules.CheckRoute(new Errors(), [School, Centre], ["ALLER"], ["MERCREDI"]).Any.ShouldBeFalse();
        var both = new[] { new ShuttleStop("Mairie", new LocalTime(8, 0), new LocalTime(17, 10)), new ShuttleStop("École", new LocalTime(8, 20), new LocalTime(16, 50)) };
        ShuttleRules.CheckRoute(new Errors(), both, ["ALLER", "RETOUR"], ["CANTINE"]).Any.ShouldBeFalse();
        new ShuttleRoute(both, ["CANTINE"]).StopsFor("RETOUR").Select(s => s.Name).ShouldBe(["École", "Mairie"]); // backwards
    }

    [Theory]
    [InlineData("backwards")]
    [InlineData("time in a direction it does not run")]
    [InlineData("twice the same stop")]
    [InlineData("no direction")]
    [InlineData("nothing served")]
    public void A_route_that_cannot_run_is_refused(string what)
    {
        var (stops, directions, serves) = what switch
        {
            "backwards" => (new[] { School with { Outbound = new LocalTime(12, 30) }, Centre }, new[] { "ALLER" }, new[] { "MERCREDI" }),
            "time in a direction it does not run" => (new[] { School with { Return = new LocalTime(17, 0) }, Centre }, new[] { "ALLER" }, new[] { "MERCREDI" }),
            "twice the same stop" => (new[] { School, School with { Outbound = new LocalTime(12, 10) } }, new[] { "ALLER" }, new[] { "MERCREDI" }),
            "no direction" => (new[] { School, Centre }, Array.Empty<string>(), new[] { "MERCREDI" }),
            _ => (new[] { School, Centre }, new[] { "ALLER" }, Array.Empty<string>()),
        };
        ShuttleRules.CheckRoute(new Errors(), stops, directions, serves).Any.ShouldBeTrue();
    }

    [Fact]
    public void Joining_opens_a_stream_on_the_days_both_run_at_the_childs_stop()
    {
        var served = WednesdayInscription();
        var shuttle = Joined(served);
        (shuttle.ActivityCode, shuttle.Group, shuttle.ChildId, shuttle.FamilyId, shuttle.Stop).ShouldBe(("NAVETTE-MIDI", "NAVETTE", served.ChildId, served.FamilyId, School.Name));
        (shuttle.From, shuttle.To).ShouldBe((new LocalDate(2026, 9, 2), new LocalDate(2027, 6, 30)));
        ShuttleRules.JoinRefusal(Line(), served, "Gare", false).ShouldNotBeNull();
        ShuttleRules.JoinRefusal(Line(), served, School.Name, true).ShouldBe("L'enfant est déjà inscrit à cette navette.");
        ShuttleRules.JoinRefusal(Line(), served with { ActivityCode = "CANTINE" }, School.Name, false).ShouldBe("Cette navette ne dessert pas cette activité.");
        ShuttleRules.JoinRefusal(Line(), served, School.Name, false).ShouldBeNull();
        shuttle.Id.ShouldBe(ShuttleRules.InscriptionIdFor(served.ChildId, "NAVETTE-MIDI")); // one stream per child and line
        ShuttleRules.ChooseStop(Line(), shuttle, School.Name, BookingFixture.Parent, Now).ShouldBeEmpty();
        ShuttleRules.ChooseStop(Line(), shuttle, Centre.Name, BookingFixture.Parent, Now).Cast<ShuttleStopChosen>().Single().Stop.ShouldBe(Centre.Name);
    }

    [Fact]
    public void A_seat_on_the_bus_only_on_a_day_the_child_is_booked_at_the_activity_it_serves()
    {
        var served = WednesdayInscription(Wednesday);
        var shuttle = Joined(served);
        var refused = BookingDecider.Decide(shuttle, [Book(Wednesday.PlusWeeks(1))], Rules(), Seats(), BookingFixture.Parent, Now,
            day => ShuttleRules.Served(day, [served]));
        refused.Result.Single().Reason.ShouldBe(RefusalReason.NotServed);
        refused.Events.ShouldBeEmpty();

        var booked = BookingDecider.Decide(shuttle, [Book(Wednesday)], Rules(), Seats(), BookingFixture.Parent, Now, day => ShuttleRules.Served(day, [served]));
        booked.Result.Single().Outcome.ShouldBe(Outcome.Booked);
        booked.Events.OfType<DayBooked>().Single().Seats.ShouldBe(new SeatEvidence(1, 2));
    }

    [Fact]
    public void A_full_trip_waitlists_like_any_unit()
    {
        var served = WednesdayInscription(Wednesday);
        var decision = BookingDecider.Decide(Joined(served), [Book(Wednesday)], Rules(), Seats(taken: 2), BookingFixture.Parent, Now,
            day => ShuttleRules.Served(day, [served]));
        decision.Result.Single().Outcome.ShouldBe(Outcome.Waitlisted);
    }

    [Fact]
    public void When_the_served_day_goes_its_seat_goes_free_of_charge_and_other_days_stay()
    {
        var served = WednesdayInscription(Wednesday, Wednesday.PlusWeeks(1));
        var seats = Seats();
        var shuttle = BookingDecider.Decide(Joined(served), [Book(Wednesday)], Rules(), seats, BookingFixture.Parent, Now,
            day => ShuttleRules.Served(day, [served])).Folded(seats).Inscription;
        var stillServed = ShuttleRules.ReleaseUnserved(shuttle, [served], new HashSet<LocalDate> { Wednesday }, Now);
        stillServed.Events.ShouldBeEmpty();

        var cancelled = served.Apply(new DayCancelled(served.Id, new Slot("MERCREDI", "PRIMAIRE", "MATIN", Wednesday), Now, Cause.Parent, BookingFixture.Parent, Now));
        var released = ShuttleRules.ReleaseUnserved(shuttle, [cancelled], new HashSet<LocalDate> { Wednesday }, Now).Folded(seats);
        var e = released.Events.OfType<DayCancelled>().Single();
        (e.Cause, e.CutOff, e.Slot.Date).ShouldBe((Cause.ServiceCancelled, (Instant?)null, Wednesday));
        released.Inscription.CellAt(Wednesday, ShuttleDirections.Outbound).Status.ShouldBe(CellStatus.Free);
        seats.Rows.Values.Sum(r => r.Taken).ShouldBe(0);
    }
}
