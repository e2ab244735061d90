using NodaTime;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

public sealed record CellState(string State, bool Editable);

/// <summary>The grid's state of a cell at an instant: the stream's status, read with the clock.</summary>
public static class CellView
{
    public static CellState At(Inscription inscription, LocalDate date, string unit, DayRules rules, Instant now)
    {
        if (inscription.AttendanceAt(date, unit) is { } mark) return new CellState(mark, false);
        if (rules.ClosedReason(date, inscription) is not null) return new CellState(CellStates.Closed, false);
        var cell = inscription.CellAt(date, unit);
        var bookingOpen = now < rules.BookingCutOff(date);
        var cancellationOpen = now < rules.CancellationCutOff(date);
        var state = cell.Status switch
        {
            // A manual request left undecided at its cut-off is refused for deadline.
            CellStatus.Requested => bookingOpen ? CellStates.Requested : CellStates.Late,
            CellStatus.CancellationRequested => cancellationOpen ? CellStates.CancellationRequested : CellStates.Late,
            // A waitlisted day not promoted by its cut-off expires: free again, never charged.
            CellStatus.Waitlisted => bookingOpen ? CellStates.Waitlisted : CellStates.Free,
            _ when cell.Late => CellStates.Late,
            CellStatus.Booked => cancellationOpen ? CellStates.Booked : CellStates.Locked,
            _ => CellStates.Free,
        };
        var editable = cell.Status switch
        {
            CellStatus.Free => bookingOpen,
            CellStatus.Booked => cancellationOpen,
            _ => false,
        };
        return new CellState(state, editable);
    }
}
