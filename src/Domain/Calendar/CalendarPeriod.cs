using System.Text.Json.Serialization;
using NodaTime;

namespace PortailFamille.Domain.Calendar;

/// <summary>Why the commune's calendar closes a day.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClosureReason>))]
public enum ClosureReason
{
    [JsonStringEnumMemberName("school-holiday")] SchoolHoliday,
    [JsonStringEnumMemberName("public-holiday")] PublicHoliday,
    [JsonStringEnumMemberName("closure")] Closure,
}

/// <summary>Days without service, both ends included: a school holiday or a commune closure (a "pont").</summary>
public sealed record CalendarPeriod(Guid PeriodId, LocalDate From, LocalDate To, ClosureReason Reason, string Label, string Source)
{
    public bool Covers(LocalDate date) => From <= date && date <= To;
    /// <summary>True when every day of <paramref name="other"/> is already closed by this period for the same reason.</summary>
    public bool Contains(CalendarPeriod other) => From <= other.From && other.To <= To && Reason == other.Reason;
}
