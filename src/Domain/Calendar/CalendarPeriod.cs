using NodaTime;

namespace PortailFamille.Domain.Calendar;

public static class ClosureReasons
{
    public const string SchoolHoliday = "school-holiday";
    public const string PublicHoliday = "public-holiday";
    public const string Closure = "closure";
}

/// <summary>Days without service, both ends included: a school holiday or a commune closure (a "pont").</summary>
public sealed record CalendarPeriod(Guid PeriodId, LocalDate From, LocalDate To, string Reason, string Label, string Source)
{
    public bool Covers(LocalDate date) => From <= date && date <= To;
    /// <summary>True when every day of <paramref name="other"/> is already closed by this period for the same reason.</summary>
    public bool Contains(CalendarPeriod other) => From <= other.From && other.To <= To && Reason == other.Reason;
}
