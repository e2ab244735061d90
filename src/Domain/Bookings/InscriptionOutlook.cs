using NodaTime;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

public sealed record UpcomingDay(LocalDate Date, string Unit, CellState State);

/// <summary>The next day that can still be changed, and until when.</summary>
public sealed record CutOff(LocalDate Date, Instant Until);

public sealed record Outlook(IReadOnlyList<UpcomingDay> NextDays, CutOff? NextBooking, CutOff? NextCancellation);

/// <summary>
/// What a parent's home page says of one inscription: the next days held for the child (booked, asked for, waiting),
/// the next free day that can still be booked and the next booked day that can still be cancelled, each with its cut-off.
/// </summary>
public static class InscriptionOutlook
{
    public const int DaysShown = 5;
    /// <summary>How far ahead the home page looks (two months of the grid).</summary>
    public static readonly Period Horizon = Period.FromDays(62);

    private static readonly CellState[] Held =
        [CellState.Booked, CellState.Locked, CellState.Requested, CellState.Waitlisted, CellState.CancellationRequested];

    public static Outlook For(Inscription inscription, DayRules rules, LocalDate today, Instant now)
    {
        var next = new List<UpcomingDay>();
        CutOff? booking = null, cancellation = null;
        var last = LocalDate.Min(inscription.To, today + Horizon);
        for (var date = LocalDate.Max(today, inscription.From); date <= last; date = date.PlusDays(1))
        {
            if (rules.ClosedReason(date, inscription) is not null) continue;
            foreach (var unit in rules.Activity.Units)
            {
                var state = CellView.At(inscription, date, unit, rules, now).State;
                if (next.Count < DaysShown && Held.Contains(state)) next.Add(new UpcomingDay(date, unit, state));
                // A free cell is bookable until its cut-off; a booked one (not locked) is cancellable until its own.
                if (booking is null && state == CellState.Free && now < rules.BookingCutOff(date)) booking = new CutOff(date, rules.BookingCutOff(date));
                if (cancellation is null && state == CellState.Booked) cancellation = new CutOff(date, rules.CancellationCutOff(date));
            }
            if (next.Count == DaysShown && booking is not null && cancellation is not null) break;
        }
        return new Outlook(next, booking, cancellation);
    }
}
