using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record OccupancyView(YearMonth Month, IReadOnlyList<OccupancyRow> Rows);

public static class OccupancyEndpoint
{
    public static ProblemDetails Validate(string? month)
    {
        var errors = new Errors();
        Dates.ParseMonth(month, "month", errors);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>The month's picture for the mairie: days × units, from the headcounts (groups summed, full groups named).</summary>
    [WolverineGet("/api/staff/occupancy"), Tags("Effectifs")]
    [EndpointSummary("Remplissage du mois")]
    [EndpointDescription("Agents. Pour le mois (?month=AAAA-MM) : une ligne par activité et unité, une case par jour où elle fonctionne, " +
                         "avec les places réservées et la capacité (tous groupes), la liste d'attente, un niveau de remplissage de 0 " +
                         "(rien) à 4 (complet) et les groupes complets. Lu dans les effectifs (décalage d'une seconde au plus).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<OccupancyView>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<OccupancyView> Get(string? month, IQuerySession session, RulesLoader rules, CommuneDatabase dataSource,
        CancellationToken cancellation)
    {
        var parsed = NodaTime.Text.YearMonthPattern.Iso.Parse(month!).Value;
        var rows = await HeadcountEndpoints.ReadAsync(parsed.OnDayOfMonth(1), parsed.OnDayOfMonth(parsed.Calendar.GetDaysInMonth(parsed.Year, parsed.Month)),
            session, rules, dataSource, cancellation);
        return new OccupancyView(parsed, Occupancy.Picture(rows));
    }
}
