using NodaTime;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// The application clock. With <c>Clock__Now</c> (Development and Testing only) it starts at that
/// instant and runs on from there, so a whole session can stand on any day of the school year.
/// </summary>
public sealed class PortalClock(Instant? startAt) : IClock
{
    private readonly Duration _offset = startAt is { } start ? start - SystemClock.Instance.GetCurrentInstant() : Duration.Zero;

    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + _offset;
}
