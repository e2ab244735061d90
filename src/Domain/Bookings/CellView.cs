using NodaTime;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

public sealed record GridCell(CellState State, bool Editable);

/// <summary>The grid's state of a cell at an instant: the stream's status, read with the clock.</summary>
public static class CellView
{
    public static GridCell At(Inscription inscription, LocalDate date, string unit, DayRules rules, Instant now)
    {
        if (inscription.AttendanceAt(date, unit) is { } mark) return new GridCell(Of(mark), false);
        if (rules.ClosedReason(date, inscription) is not null) return new GridCell(CellState.Closed, false);
        var cell = inscription.CellAt(date, unit);
        var bookingOpen = now < rules.BookingCutOff(date);
        var cancellationOpen = now < rules.CancellationCutOff(date);
        var state = cell.Status switch
        {
            // A manual request left undecided at its cut-off is refused for deadline.
            CellStatus.Requested => bookingOpen ? CellState.Requested : CellState.Late,
            CellStatus.CancellationRequested => cancellationOpen ? CellState.CancellationRequested : CellState.Late,
            // A waitlisted day not promoted by its cut-off expires: free again, never charged.
            CellStatus.Waitlisted => bookingOpen ? CellState.Waitlisted : CellState.Free,
            _ when cell.Late => CellState.Late,
            CellStatus.Booked => cancellationOpen ? CellState.Booked : CellState.Locked,
            _ => CellState.Free,
        };
        var editable = cell.Status switch
        {
            CellStatus.Free => bookingOpen,
            CellStatus.Booked => cancellationOpen,
            _ => false,
        };
        return new GridCell(state, editable);
    }

    /// <summary>The grid shows the mark staff took, whatever the booking said.</summary>
    public static CellState Of(AttendanceMark mark) => mark switch
    {
        AttendanceMark.Present => CellState.Present,
        AttendanceMark.Absent => CellState.Absent,
        _ => CellState.AbsentJustified,
    };
}
