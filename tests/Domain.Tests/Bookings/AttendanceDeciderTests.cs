using NodaTime;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Tests.Bookings;

/// <summary>The pointage: today or a past day, only children holding a seat, all or nothing.</summary>
public class AttendanceDeciderTests
{
    private static readonly LocalDate Monday = new(2026, 10, 5);
    private static readonly Instant At = BookingFixture.Paris(2026, 10, 5, 12, 30);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());

    private static Inscription With(CellStatus status) => BookingFixture.Child() is var child
        ? child with { Cells = child.Cells.Add(new CellKey(Monday, "REPAS"), new Cell(status, "PRIMAIRE", false, At)) }
        : throw new InvalidOperationException();

    [Fact]
    public void Children_holding_a_seat_are_marked_one_event_each()
    {
        var booked = With(CellStatus.Booked);
        var leaving = With(CellStatus.CancellationRequested);
        AttendanceDecider.Refuse(BookingFixture.Canteen(), "REPAS", Monday, Monday, [booked, leaving]).ShouldBeNull();

        var marks = AttendanceDecider.Mark(Monday, "REPAS",
            [new AttendanceEntry(booked.Id, "present"), new AttendanceEntry(leaving.Id, "absent-justified")], Clerk, At);

        marks.ShouldBe([
            new AttendanceMarked(booked.Id, Monday, "REPAS", AttendanceMark.Present, Clerk, At),
            new AttendanceMarked(leaving.Id, Monday, "REPAS", AttendanceMark.AbsentJustified, Clerk, At),
        ]);
    }

    [Fact]
    public void One_child_without_a_seat_refuses_the_whole_list()
    {
        var refusal = AttendanceDecider.Refuse(BookingFixture.Canteen(), "REPAS", Monday, Monday,
            [With(CellStatus.Booked), With(CellStatus.Waitlisted), null, With(CellStatus.Booked) with { ActivityCode = "GARDERIE" }]);

        refusal.ShouldBe("3 enfant(s) de la liste n'ont pas de place réservée ce jour-là : rien n'a été enregistré.");
    }

    [Fact]
    public void A_day_to_come_cannot_be_marked()
    {
        AttendanceDecider.Refuse(BookingFixture.Canteen(), "REPAS", Monday, Monday.PlusDays(-1), [With(CellStatus.Booked)])
            .ShouldBe("Le pointage ne peut porter que sur aujourd'hui ou un jour passé.");
    }

    [Fact]
    public void The_list_names_a_known_activity_and_unit_each_child_once_with_a_known_mark()
    {
        var id = Guid.NewGuid();
        AttendanceDecider.Check(null, "PISCINE", "REPAS", [new AttendanceEntry(id, "present")]).ToDictionary().Keys.ShouldBe(["activityCode"]);
        AttendanceDecider.Check(BookingFixture.Canteen(), "CANTINE", "SOIR", [new AttendanceEntry(id, "present")]).ToDictionary().Keys.ShouldBe(["unit"]);
        AttendanceDecider.Check(BookingFixture.Canteen(), "CANTINE", "REPAS", []).ToDictionary().Keys.ShouldBe(["entries"]);
        AttendanceDecider.Check(BookingFixture.Canteen(), "CANTINE", "REPAS",
            [new AttendanceEntry(id, "present"), new AttendanceEntry(id, "absent")]).ToDictionary().Keys.ShouldBe(["entries"]);
        AttendanceDecider.Check(BookingFixture.Canteen(), "CANTINE", "REPAS", [new AttendanceEntry(id, "late")]).ToDictionary().Keys.ShouldBe(["entries"]);
        AttendanceDecider.Check(BookingFixture.Canteen(), "CANTINE", "REPAS", [new AttendanceEntry(id, "absent")]).Any.ShouldBeFalse();
    }
}
