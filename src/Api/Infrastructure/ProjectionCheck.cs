using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using PortailFamille.Domain.Requests;
using PortailFamille.Projections.Dashboard;
using PortailFamille.Projections.Headcounts;
using PortailFamille.Projections.Money;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// Read models are disposable: this proves it on a live database. The events are copied into a scratch database,
/// every projection is rebuilt there from them, and each read model table is compared row by row with the live one
/// (plus the seat guard against the streams). Any difference is reported.
/// </summary>
public static class ProjectionCheck
{
    /// <summary>Every document type a projection writes (the other documents — accounts, tokens — are not derived).</summary>
    public static readonly Type[] ReadModels =
    [
        typeof(Activity), typeof(CommuneCalendar), typeof(Family), typeof(Inscription), typeof(FamilyRequest), typeof(Invoice),
        typeof(OnlinePayment), typeof(InscriptionAccount), typeof(FamilyAccount), typeof(DayHeadcount), typeof(DashboardEntry),
    ];

    public static async Task<IReadOnlyList<string>> DifferencesAsync(IDocumentStore live, string tenantId, NpgsqlDataSource liveSource, string scratchConnection,
        CancellationToken cancellation)
    {
        await using var scratchSource = new NpgsqlDataSourceBuilder(scratchConnection).UseNodaTime().Build();
        using var scratch = DocumentStore.For(opts => opts.ConfigurePortail(scratchSource, automaticSchemaChanges: true));
        await scratch.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await scratch.Advanced.Clean.CompletelyRemoveAllAsync();
        await scratch.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await CopyEventsAsync(liveSource, scratchSource, cancellation);

        using (var daemon = await scratch.BuildProjectionDaemonAsync())
            foreach (var projection in scratch.Options.Projections.All)
                await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(10), cancellation);

        var differences = new List<string>();
        foreach (var type in ReadModels)
        {
            var table = live.Options.FindOrResolveDocumentType(type).TableName.QualifiedName;
            var expected = await RowsAsync(scratchSource, table, cancellation);
            var actual = await RowsAsync(liveSource, table, cancellation);
            foreach (var id in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
            {
                var (rebuilt, current) = (expected.GetValueOrDefault(id), actual.GetValueOrDefault(id));
                if (rebuilt == current) continue;
                differences.Add(rebuilt is null ? $"{type.Name} {id}: in the live database only"
                    : current is null ? $"{type.Name} {id}: missing from the live database"
                    : $"{type.Name} {id}: live {Clip(current)} ≠ rebuilt {Clip(rebuilt)}");
            }
        }
        differences.AddRange((await Bookings.SeatLedgerCheck.DifferencesAsync(live, tenantId, liveSource)).Select(d => $"seat guard {d}"));
        return differences;
    }

    /// <summary>The streams and events, copied as they are (binary COPY from one database to the other).</summary>
    private static async Task CopyEventsAsync(NpgsqlDataSource from, NpgsqlDataSource to, CancellationToken cancellation)
    {
        await using var source = await from.OpenConnectionAsync(cancellation);
        await using var target = await to.OpenConnectionAsync(cancellation);
        foreach (var table in new[] { "mt_streams", "mt_events" })
        {
            var name = $"{MartenSetup.Schema}.{table}";
            await using (var reader = await source.BeginRawBinaryCopyAsync($"copy {name} to stdout (format binary)", cancellation))
            await using (var writer = await target.BeginRawBinaryCopyAsync($"copy {name} from stdin (format binary)", cancellation))
                await reader.CopyToAsync(writer, cancellation);
        }
        await using var sequence = new NpgsqlCommand(
            $"select setval('{MartenSetup.Schema}.mt_events_sequence', greatest(coalesce((select max(seq_id) from {MartenSetup.Schema}.mt_events), 0), 1))",
            target);
        await sequence.ExecuteScalarAsync(cancellation);
    }

    private static async Task<Dictionary<string, string>> RowsAsync(NpgsqlDataSource source, string table, CancellationToken cancellation)
    {
        await using var command = source.CreateCommand($"select id::text, data::text from {table}");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = new Dictionary<string, string>();
        while (await reader.ReadAsync(cancellation)) rows[reader.GetString(0)] = reader.GetString(1);
        return rows;
    }

    private static string Clip(string json) => json.Length <= 160 ? json : json[..160] + "…";
}
