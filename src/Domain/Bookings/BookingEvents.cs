using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Bookings;

/// <summary>One seat of capacity: activity × group × unit × day.</summary>
public sealed record Slot(string ActivityCode, string Group, string Unit, LocalDate Date)
{
    public string Key => $"{ActivityCode}|{Unit}|{Group}|{LocalDatePattern.Iso.Format(Date)}";
}

/// <summary>Seats taken (after the decision) and the capacity in force when it was made.</summary>
public sealed record SeatEvidence(int SeatsTaken, int Capacity);

/// <summary>A booking waiting for staff (manual validation); the deadline was judged at <c>At</c>.</summary>
public sealed record BookingRequested(Guid InscriptionId, Slot Slot, Instant CutOff, Actor By, Instant At);

public sealed record DayBooked(Guid InscriptionId, Slot Slot, Instant CutOff, SeatEvidence Seats, Actor By, Instant At);

/// <summary>No seat left: queued at <c>Position</c> (FIFO by decision order).</summary>
public sealed record DayWaitlisted(Guid InscriptionId, Slot Slot, Instant CutOff, SeatEvidence Seats, int Position, Actor By, Instant At);

/// <summary>A freed seat went to this waitlisted day; <c>Cause</c> says what freed it.</summary>
public sealed record WaitlistPromoted(Guid InscriptionId, Slot Slot, SeatEvidence Seats, Cause Cause, Actor By, Instant At);

/// <summary>A cancellation waiting for staff (manual validation); the seat is kept meanwhile.</summary>
public sealed record CancellationRequested(Guid InscriptionId, Slot Slot, Instant CutOff, Actor By, Instant At);

/// <summary>The seat is given back, free of charge (in time, closure or inscription ended).</summary>
public sealed record DayCancelled(Guid InscriptionId, Slot Slot, Instant? CutOff, Cause Cause, Actor By, Instant At);

/// <summary>A change refused when sent; a cancellation refused for <c>deadline</c> leaves the day booked and charged.</summary>
public sealed record ChangeRefused(Guid InscriptionId, LocalDate Date, string Unit, BookingAction Action, RefusalReason Reason, Instant? CutOff, Actor By, Instant At);

/// <summary>The parent took back a pending request (<c>Pending</c>: requested, cancellation-requested or waitlisted).</summary>
public sealed record RequestWithdrawn(Guid InscriptionId, Slot Slot, CellStatus Pending, Actor By, Instant At);

/// <summary>Staff refused a pending request.</summary>
public sealed record RequestRefused(Guid InscriptionId, Slot Slot, CellStatus Pending, string? Reason, Actor By, Instant At);

/// <summary>A request still undecided at its cut-off: refused for deadline.</summary>
public sealed record RequestExpired(Guid InscriptionId, Slot Slot, CellStatus Pending, Instant CutOff, Actor By, Instant At);

/// <summary>A waitlisted day not promoted by its cut-off: never booked, never charged.</summary>
public sealed record WaitlistExpired(Guid InscriptionId, Slot Slot, Instant CutOff, Actor By, Instant At);

/// <summary>A pending or waitlisted day dropped because the day closed or the inscription ended.</summary>
public sealed record PendingDropped(Guid InscriptionId, Slot Slot, CellStatus Pending, Cause Cause, Actor By, Instant At);

/// <summary>Attendance taken by staff for a day holding a seat: present, absent or absent-justified. A correction is a new mark.</summary>
public sealed record AttendanceMarked(Guid InscriptionId, LocalDate Date, string Unit, AttendanceMark Status, Actor By, Instant At);
