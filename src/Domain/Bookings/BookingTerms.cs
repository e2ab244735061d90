namespace PortailFamille.Domain.Bookings;

public static class BookingActions
{
    public const string Book = "book";
    public const string Cancel = "cancel";
    public const string Withdraw = "withdraw";
    public static readonly string[] All = [Book, Cancel, Withdraw];
}

/// <summary>What the stream says a cell is; the grid's state adds the clock (late, locked, expired).</summary>
public static class CellStatus
{
    public const string Free = "free";
    public const string Requested = "requested";
    public const string Booked = "booked";
    public const string CancellationRequested = "cancellation-requested";
    public const string Waitlisted = "waitlisted";

    public static bool HoldsSeat(string status) => status is Booked or CancellationRequested;
    public static bool IsPending(string status) => status is Requested or CancellationRequested or Waitlisted;
}

/// <summary>The legend of the monthly grid (API.md), in order of precedence.</summary>
public static class CellStates
{
    public const string Present = "present";
    public const string Absent = "absent";
    public const string AbsentJustified = "absent-justified";
    public const string Closed = "closed";
    public const string Requested = CellStatus.Requested;
    public const string CancellationRequested = CellStatus.CancellationRequested;
    public const string Waitlisted = CellStatus.Waitlisted;
    public const string Late = "late";
    public const string Locked = "locked";
    public const string Booked = CellStatus.Booked;
    public const string Free = CellStatus.Free;
}

public static class Outcomes
{
    public const string Booked = "booked";
    public const string Requested = "requested";
    public const string Waitlisted = "waitlisted";
    public const string Cancelled = "cancelled";
    public const string CancellationRequested = "cancellation-requested";
    public const string Withdrawn = "withdrawn";
    public const string Refused = "refused";
}

/// <summary>Refusal reasons, in the order they are checked.</summary>
public static class RefusalReasons
{
    public const string UnknownUnit = "unknown-unit";
    public const string NotInPeriod = "not-in-period";
    public const string Closed = "closed";
    public const string Deadline = "deadline";
    public const string AlreadyBooked = "already-booked";
    public const string NotBooked = "not-booked";
    public const string NotPending = "not-pending";
    /// <summary>A shuttle seat asked on a day the child has no seat at an activity the line serves.</summary>
    public const string NotServed = "not-served";
}

/// <summary>Why a closed day is closed, for the grid.</summary>
public static class DayClosedReasons
{
    public const string NotInPeriod = "not-in-period";
    public const string NotOpen = "not-open";
}

/// <summary>Why a seat was given back or a pending request dropped without the parent asking.</summary>
public static class Causes
{
    public const string Parent = "request";
    public const string Staff = "staff";
    public const string Closure = "closure";
    public const string InscriptionEnded = "inscription-ended";
    public const string Cancellation = "cancellation";
    public const string CapacityRaised = "capacity-raised";
    public const string Refusal = "refusal";
    public const string Withdrawal = "withdrawal";
    public const string Expiry = "expiry";
    /// <summary>A shuttle seat given back because the child no longer has a seat at the activity it serves that day.</summary>
    public const string ServiceCancelled = "service-cancelled";
}
