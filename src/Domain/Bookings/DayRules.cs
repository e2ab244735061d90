using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

/// <summary>An activity's rules for a given day: is it open, and when do bookings and cancellations close.</summary>
public sealed class DayRules(Activity activity, SchoolCalendar calendar, DateTimeZone zone)
{
    // A batch of decisions asks the same few days again and again: compute each answer once.
    private readonly Dictionary<LocalDate, (DayClosedReason? Closed, Instant Booking, Instant Cancellation)> _days = new();

    public Activity Activity => activity;
    public DateTimeZone Zone => zone;
    public bool IsManual => activity.Validation == ValidationModes.Manual;

    /// <summary>Null when the activity runs that day for this inscription; otherwise the grid's reason.</summary>
    public DayClosedReason? ClosedReason(LocalDate date, Inscription inscription)
    {
        if (!inscription.Covers(date) || date < activity.From || date > activity.To) return DayClosedReason.NotInPeriod;
        return ClosedReason(date);
    }

    /// <summary>Closed whatever the inscription: a weekday the activity does not run, or the commune's calendar.</summary>
    public DayClosedReason? ClosedReason(LocalDate date) => Day(date).Closed;

    public string? ClosedLabel(LocalDate date) => calendar.Describe(date).Label;

    public Instant BookingCutOff(LocalDate date) => Day(date).Booking;

    public Instant CancellationCutOff(LocalDate date) => Day(date).Cancellation;

    private (DayClosedReason? Closed, Instant Booking, Instant Cancellation) Day(LocalDate date)
    {
        if (_days.TryGetValue(date, out var known)) return known;
        DayClosedReason? closed = null;
        if (!activity.Weekdays.Contains(date.DayOfWeek)) closed = DayClosedReason.NotOpen;
        else if (calendar.Describe(date) is { Closed: true } day) closed = day.Reason is { } reason ? DayClosedReasons.Of(reason) : DayClosedReason.NotOpen;
        return _days[date] = (closed,
            activity.BookingDeadline.CutOff(date, calendar.IsPublicHoliday, zone),
            activity.CancellationDeadline.CutOff(date, calendar.IsPublicHoliday, zone));
    }

    /// <summary>Slots this inscription would take on that day, in its current group.</summary>
    public Slot SlotFor(Inscription inscription, LocalDate date, string unit) => new(activity.Code, inscription.Group, unit, date);
}
