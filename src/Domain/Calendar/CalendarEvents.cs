using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

public sealed record CalendarPeriodAdded(Guid CalendarId, CalendarPeriod Period, Actor By, Instant At);

public sealed record CalendarPeriodRemoved(Guid CalendarId, Guid PeriodId, Actor By, Instant At);
