using NodaTime;
using PortailFamille.Domain.Bookings;
using static PortailFamille.Domain.Tests.Bookings.BookingFixture;

namespace PortailFamille.Domain.Tests.Bookings;

public class InscriptionOutlookTests
{
    private static readonly LocalDate Monday12Oct = new(2026, 10, 12);
    private static readonly LocalDate Tuesday13Oct = new(2026, 10, 13);

    [Fact]
    public void Given_nothing_booked_the_next_bookable_day_is_the_first_whose_cut_off_is_ahead()
    {
        // Monday 5 Oct 09:00: Tue 6 (cut-off Fri 2 Oct) and Thu 8 (cut-off Tue 6, 10:00) — Thu 8 is the first still open.
        var outlook = InscriptionOutlook.For(Child(), Rules(), new LocalDate(2026, 10, 5), Paris(2026, 10, 5, 9, 0));
        outlook.NextDays.ShouldBeEmpty();
        outlook.NextBooking.ShouldBe(new CutOff(new LocalDate(2026, 10, 8), Paris(2026, 10, 6, 10, 0)));
        outlook.NextCancellation.ShouldBeNull();
    }

    [Fact]
    public void Given_booked_days_they_are_listed_and_the_first_still_cancellable_gives_the_cancellation_cut_off()
    {
        var now = Paris(2026, 10, 5, 9, 0);
        var booked = BookingDecider.Decide(Child(), [Book(Monday12Oct), Book(Tuesday13Oct)], Rules(), Seats(days: [Monday12Oct, Tuesday13Oct]), Parent, now).Inscription;

        // Saturday 10 Oct: Monday 12's cancellation closed on Thursday 8, Tuesday 13's closes on Friday 9 — both past: locked.
        var late = InscriptionOutlook.For(booked, Rules(), new LocalDate(2026, 10, 10), Paris(2026, 10, 10, 9, 0));
        late.NextDays.ShouldBe([new UpcomingDay(Monday12Oct, "REPAS", CellState.Locked), new UpcomingDay(Tuesday13Oct, "REPAS", CellState.Locked)]);
        late.NextCancellation.ShouldBeNull();

        // Wednesday 7 Oct: Monday 12 can still be cancelled until Thursday 8, 10:00.
        var inTime = InscriptionOutlook.For(booked, Rules(), new LocalDate(2026, 10, 7), Paris(2026, 10, 7, 9, 0));
        inTime.NextDays.Select(d => d.State).ShouldBe([CellState.Booked, CellState.Booked]);
        inTime.NextCancellation.ShouldBe(new CutOff(Monday12Oct, Paris(2026, 10, 8, 10, 0)));
        inTime.NextBooking!.Date.ShouldBe(new LocalDate(2026, 10, 9)); // Friday 9: its cut-off (Wed 7, 10:00) is an hour ahead
    }

    [Fact]
    public void Given_an_inscription_ended_before_today_nothing_is_ahead()
    {
        var outlook = InscriptionOutlook.For(Child(to: new LocalDate(2026, 9, 30)), Rules(), new LocalDate(2026, 10, 5), Paris(2026, 10, 5, 9, 0));
        outlook.NextDays.ShouldBeEmpty();
        outlook.NextBooking.ShouldBeNull();
        outlook.NextCancellation.ShouldBeNull();
    }
}
