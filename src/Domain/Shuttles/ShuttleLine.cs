using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Shuttles;

/// <summary>A stop of a line, in the order the aller runs; the retour runs them backwards. A time is null when the
/// bus does not stop there in that direction.</summary>
public sealed record ShuttleStop(string Name, LocalTime? Outbound, LocalTime? Return)
{
    public LocalTime? TimeFor(string direction) => direction == ShuttleDirections.Outbound ? Outbound : Return;
}

/// <summary>What makes an activity a shuttle line: its stops and the activities it takes children to or from.</summary>
public sealed record ShuttleRoute(IReadOnlyList<ShuttleStop> Stops, IReadOnlyList<string> Serves)
{
    /// <summary>The stops of one direction in the order the bus reaches them.</summary>
    public IReadOnlyList<ShuttleStop> StopsFor(string direction) =>
        (direction == ShuttleDirections.Outbound ? Stops : Stops.Reverse()).Where(s => s.TimeFor(direction) is not null).ToList();

    public bool HasStop(string? name) => Stops.Any(s => s.Name == name);

    /// <summary>A trip's riders stop by stop in the order the bus runs that way: the stops it serves, and any other stop a
    /// rider chose (its time then null).</summary>
    public IReadOnlyList<(ShuttleStop Stop, IReadOnlyList<T> Riders)> ByStop<T>(string direction, IEnumerable<(string? Stop, T Rider)> riders)
    {
        var at = riders.ToLookup(r => r.Stop, r => r.Rider);
        return (direction == ShuttleDirections.Outbound ? Stops : Stops.Reverse())
            .Where(s => s.TimeFor(direction) is not null || at[s.Name].Any())
            .Select(s => (s, (IReadOnlyList<T>)at[s.Name].ToList())).ToList();
    }
}

/// <summary>A line's directions are its units: a seat is booked per day and direction like a unit of any activity.</summary>
public static class ShuttleDirections
{
    public const string Outbound = "ALLER";
    public const string Return = "RETOUR";
    public static readonly string[] All = [Outbound, Return];

    /// <summary>The one group of a line: every child takes the same bus, whatever its class.</summary>
    public const string Group = "NAVETTE";

    public static string Label(string direction) => direction == Outbound ? "aller" : "retour";

    /// <summary>"l'aller" or "le retour", for a sentence.</summary>
    public static string The(string direction) => direction == Outbound ? "l'aller" : "le retour";

    /// <summary>"de l'aller" or "du retour", for a sentence.</summary>
    public static string Of(string direction) => direction == Outbound ? "de l'aller" : "du retour";
}

/// <summary>The child's stop on a shuttle line's inscription (where it gets on the aller and off the retour).</summary>
public sealed record ShuttleStopChosen(Guid InscriptionId, string Stop, Actor By, Instant At);

/// <summary>The shuttle rules: a line's description, who may take it, and the seats that go when the activity's day goes.</summary>
public static class ShuttleRules
{
    public const int MaxStops = 30;

    public static Errors CheckRoute(Errors errors, IReadOnlyList<ShuttleStop>? stops, IReadOnlyList<string>? directions, IReadOnlyList<string>? serves)
    {
        errors.Require(directions is { Count: > 0 } && directions.All(ShuttleDirections.All.Contains) && directions.Distinct().Count() == directions.Count,
            "directions", "Les sens doivent être « ALLER », « RETOUR » ou les deux.");
        errors.Require(serves is { Count: > 0 } && serves.All(ActivityRules.IsCode) && serves.Distinct().Count() == serves.Count,
            "serves", "Indiquez les codes distincts des activités que dessert la navette.");
        if (stops is not { Count: > 0 and <= MaxStops })
            return errors.Add("stops", $"Indiquez de 1 à {MaxStops} arrêts, dans l'ordre de l'aller.");
        errors.Require(stops.All(s => !string.IsNullOrWhiteSpace(s.Name) && s.Name.Trim().Length <= 80), "stops", "Chaque arrêt a un nom de 80 caractères au plus.")
            .Require(stops.Select(s => s.Name?.Trim()).Distinct().Count() == stops.Count, "stops", "Deux arrêts ne peuvent pas porter le même nom.");
        if (directions is null) return errors;
        foreach (var direction in ShuttleDirections.All)
        {
            var runs = directions.Contains(direction);
            var times = (direction == ShuttleDirections.Outbound ? stops : stops.Reverse()).Select(s => s.TimeFor(direction)).OfType<LocalTime>().ToList();
            var the = ShuttleDirections.The(direction);
            if (!runs) errors.Require(times.Count == 0, "stops", $"La navette ne fait pas {the} : ses arrêts n'ont pas d'heure pour ce sens.");
            else errors.Require(times.Count > 0, "stops", $"{char.ToUpperInvariant(the[0])}{the[1..]} doit desservir au moins un arrêt.")
                .Require(times.Zip(times.Skip(1)).All(p => p.First < p.Second), "stops",
                    $"Les heures {ShuttleDirections.Of(direction)} doivent croître dans l'ordre où le bus passe (le retour parcourt les arrêts à l'envers).");
        }
        errors.Require(stops.All(s => s.Outbound is not null || s.Return is not null), "stops", "Chaque arrêt est desservi dans au moins un sens.");
        return errors;
    }

    /// <summary>The child holds a seat, that day, at one of the activities the line serves (any unit).</summary>
    public static bool Served(LocalDate date, IEnumerable<Inscription> servedInscriptions) =>
        servedInscriptions.Any(i => i.Cells.Any(kv => kv.Value.Status.HoldsSeat() && kv.Key.Date == date));

    /// <summary>One stream per child and line: joining twice, even at the same instant, names the same stream.</summary>
    public static Guid InscriptionIdFor(Guid childId, string lineCode) => StableId.For("shuttle", $"{childId}|{lineCode}");

    /// <summary>A child joins a line from one of its inscriptions at an activity the line serves: a stream of its own over
    /// the line's whole period (a seat is only ever taken on a served day), at the stop it gets on.</summary>
    public static IReadOnlyList<object> Join(Activity line, Inscription served, string stop, Actor by, Instant at)
    {
        if (JoinRefusal(line, served, stop, false) is { } refusal) throw new ArgumentException(refusal);
        var id = InscriptionIdFor(served.ChildId, line.Code);
        return [new InscriptionOpened(id, served.FamilyId, served.ChildId, line.Code, ShuttleDirections.Group, line.From, line.To, by, at),
            new ShuttleStopChosen(id, stop, by, at)];
    }

    /// <summary>A new stop on the child's line (none when it is already that one).</summary>
    public static IReadOnlyList<object> ChooseStop(Activity line, Inscription shuttle, string stop, Actor by, Instant at)
    {
        if (line.Shuttle is not { } route || !route.HasStop(stop)) throw new ArgumentException("Check the stop before choosing it.");
        return shuttle.Stop == stop ? [] : [new ShuttleStopChosen(shuttle.Id, stop, by, at)];
    }

    /// <summary>Why a child may not join this line from this inscription (null when it may).</summary>
    public static string? JoinRefusal(Activity line, Inscription served, string? stop, bool alreadyJoined)
    {
        if (line.Shuttle is not { } route || !route.Serves.Contains(served.ActivityCode)) return "Cette navette ne dessert pas cette activité.";
        if (!route.HasStop(stop)) return $"La navette {line.Code} n'a pas d'arrêt « {stop} ».";
        if (line.To < served.From || served.To < line.From) return "La navette ne circule pas pendant cette inscription.";
        return alreadyJoined ? "L'enfant est déjà inscrit à cette navette." : null;
    }

    /// <summary>Seats of a shuttle inscription given back, free of charge, on the days among <paramref name="dates"/> the child
    /// no longer holds a seat at a served activity (queue places and requests dropped too).</summary>
    public static Decision<IReadOnlyList<Slot>> ReleaseUnserved(Inscription shuttle, IReadOnlyCollection<Inscription> served, IReadOnlySet<LocalDate> dates,
        Instant now) =>
        BookingDecider.Release(shuttle, date => dates.Contains(date) && !Served(date, served), Cause.ServiceCancelled, Actor.System, now);
}
