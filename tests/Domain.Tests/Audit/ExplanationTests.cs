using NodaTime;
using PortailFamille.Domain.Audit;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Tests.Bookings;
using Shouldly;
using Xunit;

namespace PortailFamille.Domain.Tests.Audit;

public class ExplanationTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Slot Monday = new("CANTINE", "PRIMAIRE", "REPAS", new LocalDate(2026, 10, 5));

    [Fact]
    public void A_late_cancellation_names_its_instant_and_the_limit_in_Paris_time() =>
        Explanation.Of(new ChangeRefused(Id, Monday.Date, "REPAS", BookingAction.Cancel, RefusalReason.Deadline,
                BookingFixture.Paris(2026, 10, 1, 10, 0), BookingFixture.Parent, BookingFixture.Paris(2026, 10, 1, 10, 4)), BookingFixture.Zone)
            .ShouldBe("Annulation reçue le 01/10/2026 à 10:04, après la limite du 01/10/2026 à 10:00 : refusée, le repas reste facturé.");

    [Fact]
    public void A_waitlisting_gives_seats_capacity_and_position() =>
        Explanation.Of(new DayWaitlisted(Id, Monday, BookingFixture.Paris(2026, 10, 1, 10, 0), new SeatEvidence(35, 35), 3, BookingFixture.Parent,
                BookingFixture.Paris(2026, 9, 30, 18, 30)), BookingFixture.Zone)
            .ShouldBe("Réservation reçue le 30/09/2026 à 18:30, avant la limite du 01/10/2026 à 10:00 : place refusée, 35/35 places prises ; " +
                      "mis en liste d'attente en position 3.");

    [Fact]
    public void Instants_are_told_in_winter_time_after_the_October_change() =>
        Explanation.Of(new DayCancelled(Id, Monday with { Date = new LocalDate(2026, 11, 2) }, Instant.FromUtc(2026, 10, 29, 9, 0), Cause.Parent,
                BookingFixture.Parent, Instant.FromUtc(2026, 10, 26, 9, 0)), BookingFixture.Zone)
            .ShouldBe("Annulation reçue le 26/10/2026 à 10:00, avant la limite du 29/10/2026 à 10:00 : acceptée, la journée n'est pas facturée.");

    [Fact]
    public void Facts_are_found_by_the_day_they_are_about()
    {
        Explanation.DaysOf(new DayBooked(Id, Monday, Instant.MinValue, new SeatEvidence(1, 2), Actor.System, Instant.MinValue)).ShouldBe([Monday.Date]);
        Explanation.DaysOf(new AttendanceMarked(Id, Monday.Date, "REPAS", AttendanceMark.Present, Actor.System, Instant.MinValue)).ShouldBe([Monday.Date]);
    }
}
