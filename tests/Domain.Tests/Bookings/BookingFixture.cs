using System.Collections.Immutable;
using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Tests.Bookings;

/// <summary>The guide's canteen: Mon Tue Thu Fri, 2 working days before at 10:00, 64 seats in PRIMAIRE.</summary>
public static class BookingFixture
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    public static readonly Actor Parent = Actor.Parent(Guid.NewGuid());
    public static readonly SchoolCalendar Calendar = new(ShippedSchoolHolidays.Load(), new PublicHolidays());

    public static Activity Canteen(string validation = ValidationModes.Automatic, int capacity = 64) => new(
        Guid.NewGuid(), "CANTINE", "CANTINE 2026-2027", "ACCUEIL PERISCOLAIRE", new LocalDate(2026, 9, 1), new LocalDate(2027, 7, 2),
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], ["REPAS"], ["REPAS"],
        [new GroupCapacity("PRIMAIRE", new Dictionary<string, int> { ["REPAS"] = capacity })],
        new Deadline(2, true, new LocalTime(10, 0)), new Deadline(2, true, new LocalTime(10, 0)), validation,
        [new TariffGrid(new LocalDate(2026, 9, 1), [new TariffBracket(0, null, new Dictionary<string, int> { ["REPAS"] = 250 })], Instant.MinValue)]);

    public static DayRules Rules(string validation = ValidationModes.Automatic, int capacity = 64) => new(Canteen(validation, capacity), Calendar, Zone);

    public static Inscription Child(LocalDate? to = null) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CANTINE", "PRIMAIRE",
        new LocalDate(2026, 9, 1), to ?? new LocalDate(2027, 7, 2), ImmutableDictionary<CellKey, Cell>.Empty);

    /// <summary>An open ledger for every listed day: <paramref name="taken"/> seats taken, <paramref name="waiting"/> waiting.</summary>
    public static SeatLedger Seats(int taken = 0, int capacity = 64, int waiting = 0, params LocalDate[] days) =>
        new(days.ToDictionary(d => new Slot("CANTINE", "PRIMAIRE", "REPAS", d).Key, _ => new SeatRow(taken, capacity, waiting)));

    public static Instant Paris(int y, int m, int d, int h, int min, int s = 0) =>
        new LocalDateTime(y, m, d, h, min, s).InZoneStrictly(Zone).ToInstant();

    /// <summary>What the desk does with a decision: the seat counts move by its events.</summary>
    public static Decision<T> Folded<T>(this Decision<T> decision, SeatLedger seats)
    {
        seats.ApplyAll(decision.Events);
        return decision;
    }

    /// <summary>A seat given back by someone else's cancellation.</summary>
    public static void GiveBack(this SeatLedger seats, Slot slot) =>
        seats.Apply(new DayCancelled(Guid.NewGuid(), slot, null, Cause.Parent, Parent, Instant.MinValue));

    public static Change Book(LocalDate d, string unit = "REPAS") => new(d, unit, BookingAction.Book);
    public static Change Cancel(LocalDate d) => new(d, "REPAS", BookingAction.Cancel);
    public static Change Withdraw(LocalDate d) => new(d, "REPAS", BookingAction.Withdraw);
}
