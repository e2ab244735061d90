using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Projections.Pending;

public sealed record PendingReservation(Guid InscriptionId, Guid FamilyId, string ChildName, LocalDate Date, string Unit, BookingAction Action, Instant RequestedAt,
    string ActivityCode = "");

/// <summary>
/// The staff's list of booking and cancellation requests waiting for a decision, read from the inscriptions'
/// projected state (inline snapshots with a pending count to query on): still pending at <paramref name="now"/>,
/// oldest first.
/// </summary>
public static class PendingReservations
{
    public static IReadOnlyList<PendingReservation> From(IEnumerable<Inscription> inscriptions, Func<Inscription, DayRules?> rulesOf,
        Func<Inscription, string> childName, Instant now)
    {
        var pending = new List<PendingReservation>();
        foreach (var inscription in inscriptions)
        {
            if (rulesOf(inscription) is not { } rules) continue;
            foreach (var (key, cell) in inscription.Cells)
            {
                var (date, unit) = key;
                var state = CellView.At(inscription, date, unit, rules, now).State;
                if (state is not (CellState.Requested or CellState.CancellationRequested)) continue;
                pending.Add(new PendingReservation(inscription.Id, inscription.FamilyId, childName(inscription), date, unit,
                    state == CellState.Requested ? BookingAction.Book : BookingAction.Cancel, cell.Since, inscription.ActivityCode));
            }
        }
        return pending.OrderBy(p => p.RequestedAt).ThenBy(p => p.Date).ThenBy(p => p.Unit).ToList();
    }
}
