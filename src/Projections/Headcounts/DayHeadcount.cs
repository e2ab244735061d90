using JasperFx.Events;
using Marten.Events.Projections;
using NodaTime;
using PortailFamille.Domain.Bookings;

namespace PortailFamille.Projections.Headcounts;

/// <summary>Seats booked and requests waitlisted for one slot (activity × unit × group × day).</summary>
public sealed class DayHeadcount
{
    public string Id { get; set; } = "";
    public string ActivityCode { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Group { get; set; } = "";
    public LocalDate Date { get; set; }
    public int Booked { get; set; }
    public int Waitlisted { get; set; }
}

/// <summary>Daily headcounts from the inscription streams' booking events (asynchronous; staff views may lag a second).</summary>
public sealed class DayHeadcountProjection : MultiStreamProjection<DayHeadcount, string>
{
    public DayHeadcountProjection()
    {
        Identity<DayBooked>(e => e.Slot.Key);
        Identity<WaitlistPromoted>(e => e.Slot.Key);
        Identity<DayWaitlisted>(e => e.Slot.Key);
        Identity<DayCancelled>(e => e.Slot.Key);
        Identity<RequestWithdrawn>(e => e.Slot.Key);
        Identity<WaitlistExpired>(e => e.Slot.Key);
        Identity<PendingDropped>(e => e.Slot.Key);
    }

    public void Apply(DayBooked e, DayHeadcount count) => Of(count, e.Slot).Booked++;

    public void Apply(WaitlistPromoted e, DayHeadcount count)
    {
        Of(count, e.Slot).Booked++;
        count.Waitlisted--;
    }

    public void Apply(DayWaitlisted e, DayHeadcount count) => Of(count, e.Slot).Waitlisted++;

    public void Apply(DayCancelled e, DayHeadcount count) => Of(count, e.Slot).Booked--;

    public void Apply(RequestWithdrawn e, DayHeadcount count) => LeftQueue(count, e.Slot, e.Pending);

    public void Apply(WaitlistExpired e, DayHeadcount count) => LeftQueue(count, e.Slot, CellStatus.Waitlisted);

    public void Apply(PendingDropped e, DayHeadcount count) => LeftQueue(count, e.Slot, e.Pending);

    private static void LeftQueue(DayHeadcount count, Slot slot, CellStatus pending)
    {
        Of(count, slot);
        if (pending == CellStatus.Waitlisted) count.Waitlisted--;
    }

    private static DayHeadcount Of(DayHeadcount count, Slot slot)
    {
        count.Id = slot.Key;
        count.ActivityCode = slot.ActivityCode;
        count.Unit = slot.Unit;
        count.Group = slot.Group;
        count.Date = slot.Date;
        return count;
    }
}
