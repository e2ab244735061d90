using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Meals;
using Wolverine.Http;

namespace PortailFamille.Api.Meals;

/// <summary>A child with a PAI eating that day: what the service team needs to hand the right meal, nothing more.</summary>
public sealed record PaiChild(LocalDate Date, string ActivityCode, string Unit, string FirstName, string Group, string Pai, string Diet);

/// <summary>The meals held between two days, read from the inscriptions holding a seat and the children's files.</summary>
public static class MealReads
{
    public const int MaxDays = 31;

    public static (LocalDate Start, LocalDate End) Range(string? date, string? from, string? to, Errors errors)
    {
        var (start, end) = HeadcountEndpoints.Range(date, from, to, errors);
        if (!errors.Any) errors.Require(Period.Between(start, end, PeriodUnits.Days).Days < MaxDays, "to", $"La période ne doit pas dépasser {MaxDays} jours.");
        return (start, end);
    }

    public static async Task<(List<MealPlate> Plates, Dictionary<Guid, Guid> FamilyOf)> PlatesAsync(LocalDate start, LocalDate end,
        IQuerySession session, CancellationToken cancellation)
    {
        var inscriptions = await InscriptionQueries.HoldingOnAsync(session, new DateInterval(start, end), cancellation);
        var activities = (await session.Query<Activity>().ToListAsync(cancellation)).ToDictionary(a => a.Code);
        var families = inscriptions.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, inscriptions.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        var plates = new List<MealPlate>();
        var familyOf = new Dictionary<Guid, Guid>();
        foreach (var inscription in inscriptions)
        {
            if (!activities.TryGetValue(inscription.ActivityCode, out var activity)
                || families.GetValueOrDefault(inscription.FamilyId)?.ChildById(inscription.ChildId) is not { } child) continue;
            plates.AddRange(MealCounts.Plates(inscription, activity, child, start, end));
            familyOf[child.ChildId] = inscription.FamilyId;
        }
        return (plates, familyOf);
    }
}

public static class MealCountEndpoint
{
    public static ProblemDetails Validate(string? date, string? from, string? to)
    {
        var errors = new Errors();
        MealReads.Range(date, from, to, errors);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>Counts only: no child is named, so the kitchen role may read it.</summary>
    [WolverineGet("/api/staff/meals"), Tags("Effectifs")]
    [EndpointSummary("Repas par régime et PAI")]
    [EndpointDescription("Agents et cuisine. Pour un jour (?date=) ou une période de 31 jours au plus (?from=&to=) : le nombre de repas " +
                         "réservés par activité, unité de repas, régime et type de PAI (repas-adapte, panier-repas, ou aucun). " +
                         "Des nombres seulement : aucun enfant n'est nommé.")]
    [Authorize(Roles = Roles.StaffOrKitchen)]
    [ProducesResponseType<MealCount[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<IReadOnlyList<MealCount>> Get(string? date, string? from, string? to, IQuerySession session,
        CancellationToken cancellation)
    {
        var (start, end) = MealReads.Range(date, from, to, new Errors());
        return MealCounts.Count((await MealReads.PlatesAsync(start, end, session, cancellation)).Plates);
    }
}

public static class MealCountCsvEndpoint
{
    public static ProblemDetails Validate(string? from, string? to) => MealCountEndpoint.Validate(null, from, to);

    /// <summary>The same counts as <c>/api/staff/meals</c>, one line per day, unit, diet and PAI kind, for the meal order.</summary>
    [WolverineGet("/api/staff/meals.csv"), Tags("Effectifs")]
    [EndpointSummary("Repas par régime et PAI en CSV")]
    [EndpointDescription("Agents et cuisine. Pour une période de 31 jours au plus (?from=&to=) : date, activité, unité, régime, PAI " +
                         "(vide sans PAI) et nombre de repas, pour un tableur ou la commande des repas.")]
    [Authorize(Roles = Roles.StaffOrKitchen)]
    [Produces("text/csv"), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<IResult> Get(string? from, string? to, IQuerySession session, CancellationToken cancellation)
    {
        var counts = await MealCountEndpoint.Get(null, from, to, session, cancellation);
        return CsvText.Of(["date", "activityCode", "unit", "diet", "pai", "count"], counts.Select(c => new[]
        {
            LocalDatePattern.Iso.Format(c.Date), c.ActivityCode, c.Unit, c.Diet, c.Pai ?? "", c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}

public static class PaiListEndpoint
{
    public static ProblemDetails Validate(string? date)
    {
        var errors = new Errors();
        Dates.Parse(date, "date", errors);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>Health data (RGPD article 9) read by name: every family listed gets a line in its access journal.</summary>
    [WolverineGet("/api/staff/pai"), Tags("Effectifs")]
    [EndpointSummary("Enfants avec un PAI à table ce jour-là")]
    [EndpointDescription("Agents. Les enfants qui ont un repas réservé ce jour-là (?date=) et un PAI : prénom, groupe, activité, unité, " +
                         "type de PAI et régime. Données de santé : chaque consultation est inscrite au journal des accès de chaque famille listée.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<PaiChild[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<IReadOnlyList<PaiChild>> Get(string? date, IQuerySession session,
        Privacy.AccessJournal journal, [NotBody] CurrentUser user, CancellationToken cancellation)
    {
        var day = LocalDatePattern.Iso.Parse(date!).Value;
        var (plates, familyOf) = await MealReads.PlatesAsync(day, day, session, cancellation);
        var withPai = plates.Where(p => p.Pai is not null).ToList();
        var by = user.Actor.ToString();
        foreach (var familyId in withPai.Select(p => familyOf[p.Child.ChildId]).Distinct())
            await journal.RecordAsync(familyId, by, Privacy.AccessKinds.PaiList(day), cancellation);
        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true);
        return withPai.Select(p => new PaiChild(p.Date, p.ActivityCode, p.Unit, p.Child.FirstName, p.Group, p.Pai!, p.Diet))
            .OrderBy(c => c.ActivityCode, StringComparer.Ordinal).ThenBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.Group, StringComparer.Ordinal)
            .ThenBy(c => c.FirstName, french).ToList();
    }
}
