using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Activities;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Shuttles;

namespace PortailFamille.Api.Shuttles;

/// <summary>A stop as clients write and read it: its name and, per direction, the time the bus passes ("HH:mm"; absent: no stop that way).</summary>
public sealed record ShuttleStopDto(string Name, string? Outbound = null, string? Return = null)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static ShuttleStopDto From(ShuttleStop s) =>
        new(s.Name, s.Outbound is { } o ? Pattern.Format(o) : null, s.Return is { } r ? Pattern.Format(r) : null);

    public static string? Format(LocalTime? time) => time is { } t ? Pattern.Format(t) : null;

    /// <summary>The stops with their times parsed; a time that is not HH:mm is an error on its field.</summary>
    public static IReadOnlyList<ShuttleStop>? Parse(ShuttleStopDto[]? stops, Errors errors)
    {
        if (stops is null) return null;
        LocalTime? Time(string? text, string field)
        {
            if (text is null) return null;
            var parsed = Pattern.Parse(text);
            if (!parsed.Success) errors.Add(field, "L'heure doit être au format HH:mm (par exemple 11:45).");
            return parsed.Success ? parsed.Value : null;
        }
        return stops.Select((s, i) => new ShuttleStop(s?.Name?.Trim() ?? "", Time(s?.Outbound, $"stops[{i}].outbound"), Time(s?.Return, $"stops[{i}].return"))).ToList();
    }
}

/// <summary>What makes an activity a shuttle line, as <c>GET /api/activities</c> shows it.</summary>
public sealed record ShuttleView(ShuttleStopDto[] Stops, IReadOnlyList<string> Serves)
{
    public static ShuttleView? Of(Activity a) => a.Shuttle is { } route ? new(route.Stops.Select(ShuttleStopDto.From).ToArray(), route.Serves) : null;
}

/// <param name="Directions">"ALLER", "RETOUR" or both: the line's units.</param>
/// <param name="Capacity">Seats in the bus, per trip (day and direction).</param>
/// <param name="Serves">Codes of the activities the line takes children to or from: a seat only on a day booked there.</param>
/// <param name="PriceCents">The price of a trip, whatever the QF (0, the default: a free line, never invoiced).</param>
public sealed record CreateShuttle(
    string Code, string Label, LocalDate From, LocalDate To, string[] Weekdays, string[] Directions, int Capacity,
    ShuttleStopDto[] Stops, string[] Serves, DeadlineDto BookingDeadline, DeadlineDto CancellationDeadline,
    string Validation = ValidationModes.Automatic, int PriceCents = 0)
{
    /// <summary>The activity a line is: its directions as units, one group for the whole bus, one tariff for every QF.</summary>
    public CreateActivity AsActivity() => new(Code, Label, "NAVETTE", From, To, Weekdays, Directions,
        [new GroupDto(ShuttleDirections.Group, (Directions ?? []).Distinct().ToDictionary(d => d, _ => Capacity))],
        BookingDeadline, CancellationDeadline, Validation,
        [new TariffDto(0, (Directions ?? []).Distinct().ToDictionary(d => d, _ => PriceCents))]);
}

/// <summary>A line a child may take from one of its inscriptions, and whether it already does (with its stop).</summary>
public sealed record ShuttleOffer(
    string Code, string Label, LocalDate From, LocalDate To, string[] Weekdays, IReadOnlyList<string> Directions, int Capacity,
    ShuttleStopDto[] Stops, Guid? InscriptionId, string? Stop);

public sealed record JoinShuttle(string LineCode, string Stop);

public sealed record ShuttleJoined(Guid InscriptionId);

public sealed record ChooseShuttleStop(string Stop);

/// <param name="Group">The child's group at the served activity that day (its class as the commune knows it).</param>
/// <param name="Phone">A number to reach the family: the first of mobile 1, mobile 2, home, work 1, work 2.</param>
public sealed record ManifestChild(string FirstName, string LastName, string Group, string? Phone);

public sealed record ManifestStop(string Name, string? Time, IReadOnlyList<ManifestChild> Children);

public sealed record ShuttleManifest(string Code, string Label, LocalDate Date, string Direction, int Capacity, int Booked, int Waitlisted,
    IReadOnlyList<ManifestStop> Stops);
