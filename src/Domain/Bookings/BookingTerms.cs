using System.Text.Json.Serialization;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Bookings;

/// <summary>What a parent asks for a day (API.md "Reservations").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookingAction>))]
public enum BookingAction
{
    [JsonStringEnumMemberName("book")] Book,
    [JsonStringEnumMemberName("cancel")] Cancel,
    [JsonStringEnumMemberName("withdraw")] Withdraw,
}

/// <summary>What the stream says a cell is; the grid's state adds the clock (late, locked, expired).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellStatus>))]
public enum CellStatus
{
    [JsonStringEnumMemberName("free")] Free,
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("booked")] Booked,
    [JsonStringEnumMemberName("cancellation-requested")] CancellationRequested,
    [JsonStringEnumMemberName("waitlisted")] Waitlisted,
}

public static class CellStatuses
{
    public static bool HoldsSeat(this CellStatus status) => status is CellStatus.Booked or CellStatus.CancellationRequested;
    public static bool IsPending(this CellStatus status) => status is CellStatus.Requested or CellStatus.CancellationRequested or CellStatus.Waitlisted;
}

/// <summary>The legend of the monthly grid (API.md), in order of precedence.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellState>))]
public enum CellState
{
    [JsonStringEnumMemberName("present")] Present,
    [JsonStringEnumMemberName("absent")] Absent,
    [JsonStringEnumMemberName("absent-justified")] AbsentJustified,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("cancellation-requested")] CancellationRequested,
    [JsonStringEnumMemberName("waitlisted")] Waitlisted,
    [JsonStringEnumMemberName("late")] Late,
    [JsonStringEnumMemberName("locked")] Locked,
    [JsonStringEnumMemberName("booked")] Booked,
    [JsonStringEnumMemberName("free")] Free,
}

/// <summary>Attendance taken by staff for a day holding a seat.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttendanceMark>))]
public enum AttendanceMark
{
    [JsonStringEnumMemberName("present")] Present,
    [JsonStringEnumMemberName("absent")] Absent,
    [JsonStringEnumMemberName("absent-justified")] AbsentJustified,
}

[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome
{
    [JsonStringEnumMemberName("booked")] Booked,
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("waitlisted")] Waitlisted,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("cancellation-requested")] CancellationRequested,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
    [JsonStringEnumMemberName("refused")] Refused,
}

/// <summary>Refusal reasons, in the order they are checked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefusalReason>))]
public enum RefusalReason
{
    [JsonStringEnumMemberName("unknown-unit")] UnknownUnit,
    [JsonStringEnumMemberName("not-in-period")] NotInPeriod,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("deadline")] Deadline,
    [JsonStringEnumMemberName("already-booked")] AlreadyBooked,
    [JsonStringEnumMemberName("not-booked")] NotBooked,
    [JsonStringEnumMemberName("not-pending")] NotPending,
    /// <summary>A shuttle seat asked on a day the child has no seat at an activity the line serves.</summary>
    [JsonStringEnumMemberName("not-served")] NotServed,
}

/// <summary>Why a closed day is closed, for the grid: the activity's own days, the inscription, or the calendar.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DayClosedReason>))]
public enum DayClosedReason
{
    [JsonStringEnumMemberName("not-in-period")] NotInPeriod,
    [JsonStringEnumMemberName("not-open")] NotOpen,
    [JsonStringEnumMemberName("school-holiday")] SchoolHoliday,
    [JsonStringEnumMemberName("public-holiday")] PublicHoliday,
    [JsonStringEnumMemberName("closure")] Closure,
}

public static class DayClosedReasons
{
    public static DayClosedReason Of(ClosureReason reason) => reason switch
    {
        ClosureReason.SchoolHoliday => DayClosedReason.SchoolHoliday,
        ClosureReason.PublicHoliday => DayClosedReason.PublicHoliday,
        _ => DayClosedReason.Closure,
    };
}

/// <summary>Why a seat was given back or a pending request dropped without the parent asking.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Cause>))]
public enum Cause
{
    [JsonStringEnumMemberName("request")] Parent,
    [JsonStringEnumMemberName("staff")] Staff,
    [JsonStringEnumMemberName("closure")] Closure,
    [JsonStringEnumMemberName("inscription-ended")] InscriptionEnded,
    [JsonStringEnumMemberName("cancellation")] Cancellation,
    [JsonStringEnumMemberName("capacity-raised")] CapacityRaised,
    [JsonStringEnumMemberName("refusal")] Refusal,
    [JsonStringEnumMemberName("withdrawal")] Withdrawal,
    [JsonStringEnumMemberName("expiry")] Expiry,
    /// <summary>A shuttle seat given back because the child no longer has a seat at the activity it serves that day.</summary>
    [JsonStringEnumMemberName("service-cancelled")] ServiceCancelled,
}
