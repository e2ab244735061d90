using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Marten;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Common;

namespace PortailFamille.Bench;

/// <summary>
/// The rush under a fault (ops/chaos kills the API or restarts PostgreSQL while it runs). Clients retry a request
/// with the same Idempotency-Key until it is answered; then every acknowledged day must be in the store, the
/// projections must equal a recount from the events, and no seat may be overbooked.
/// </summary>
public static class Chaos
{
    public static async Task<int> RunAsync(BenchOptions options, string fault, string marker, string? recordTo)
    {
        var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).UseNodaTime().Build();
        using var store = DocumentStore.For(opts => opts.ConfigurePortail(dataSource, automaticSchemaChanges: true));
        var children = await Seeder.SeedAsync(store, options.Children, options.ClockNow);
        var tokens = children.Select(c => c.FamilyId).Distinct().ToDictionary(f => f, f => Tokens.Parent(f, options.ClockNow));
        var operations = Workload.Build(children, readEvery: 0);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients }) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };

        var probe = new HealthProbe(http);
        var probing = probe.RunAsync();
        var acknowledged = new ConcurrentBag<(Guid Inscription, LocalDate Date, string Unit, string Outcome)>();
        var retried = 0;
        var unanswered = 0;
        var queue = new ConcurrentQueue<Operation>(operations);
        await File.WriteAllTextAsync(marker, "rush");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            while (queue.TryDequeue(out var op))
            {
                var key = Guid.NewGuid().ToString("N");
                var deadline = DateTime.UtcNow.AddSeconds(120);
                for (var attempt = 0; ; attempt++)
                {
                    if (attempt == 1) Interlocked.Increment(ref retried);
                    try
                    {
                        using var request = op.ToRequest(tokens[op.Family!.Value], key);
                        using var response = await http.SendAsync(request);
                        var status = (int)response.StatusCode;
                        if (status is >= 200 and < 300)
                        {
                            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            var inscription = Guid.Parse(op.Path.Split('/')[3]);
                            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
                                acknowledged.Add((inscription, LocalDatePattern.Iso.Parse(r.GetProperty("date").GetString()!).Value,
                                    r.GetProperty("unit").GetString()!, r.GetProperty("outcome").GetString()!));
                            break;
                        }
                        if (status < 500 && status != 409) break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                    if (DateTime.UtcNow > deadline) { Interlocked.Increment(ref unanswered); break; }
                    await Task.Delay(200);
                }
            }
        }));
        var rushSeconds = clock.Elapsed.TotalSeconds;
        await WaitForProjectionsAsync(dataSource);
        probe.Stop();
        await probing;

        var lost = await LostAsync(store, acknowledged.ToList());
        var projectionDiffs = await HeadcountDifferencesAsync(dataSource);
        var guardDiffs = (await SeatLedgerCheck.DifferencesAsync(store, JasperFx.StorageConstants.DefaultTenantId, dataSource)).Count;
        var audit = await Audit.OverbookedAsync(dataSource);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {fault} | {options.Children} | {operations.Count} | {acknowledged.Select(a => a.Inscription).Distinct().Count()} | {acknowledged.Count} | {retried} | {unanswered} | {probe.RedSeconds:F1} | {probe.RecoverySeconds:F1} | {lost} | {projectionDiffs} | {guardDiffs} | {audit.Overbooked} | {rushSeconds:F0} s |");
        Console.WriteLine(Header);
        Console.WriteLine(row);
        if (recordTo is not null) await Report.AppendRowAsync(recordTo, "Faults during the rush (ops/chaos)", Header, row);
        return lost == 0 && projectionDiffs == 0 && guardDiffs == 0 && audit.Overbooked == 0 && unanswered == 0 ? 0 : 1;
    }

    public const string Header =
        "| date (UTC) | fault | children | POSTs | inscriptions answered | day results acknowledged | requests retried | requests never answered | /health red (s) | recovery (s) | acknowledged days lost | headcounts ≠ recount | seat guard ≠ streams | overbooked seats | rush |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    /// <summary>Acknowledged days whose state in the store is not what the answer said (a promotion counts as kept).</summary>
    private static async Task<int> LostAsync(IDocumentStore store, List<(Guid Inscription, LocalDate Date, string Unit, string Outcome)> acknowledged)
    {
        await using var session = store.QuerySession();
        var inscriptions = (await session.LoadManyAsync<Inscription>(acknowledged.Select(a => a.Inscription).Distinct().ToArray())).ToDictionary(i => i.Id);
        return acknowledged.Count(a =>
        {
            Vocabulary.TryParse(a.Outcome, out Outcome outcome);
            if (!inscriptions.TryGetValue(a.Inscription, out var inscription)) return outcome != Outcome.Refused;
            var status = inscription.CellAt(a.Date, a.Unit).Status;
            return outcome switch
            {
                Outcome.Booked => status != CellStatus.Booked,
                Outcome.Waitlisted => status is not (CellStatus.Waitlisted or CellStatus.Booked),
                _ => false,
            };
        });
    }

    /// <summary>The headcount projection against a recount of the booking events, slot by slot.</summary>
    private static async Task<int> HeadcountDifferencesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            with recount as (
              select concat_ws('|', data -> 'Slot' ->> 'ActivityCode', data -> 'Slot' ->> 'Unit', data -> 'Slot' ->> 'Group', data -> 'Slot' ->> 'Date') as id,
                     sum(case type when 'day_booked' then 1 when 'waitlist_promoted' then 1 when 'day_cancelled' then -1 else 0 end) as booked,
                     sum(case when type = 'day_waitlisted' then 1
                              when type in ('waitlist_promoted', 'waitlist_expired') then -1
                              when type in ('request_withdrawn', 'pending_dropped') and data ->> 'Pending' = 'waitlisted' then -1 else 0 end) as waitlisted
              from {MartenSetup.Schema}.mt_events where data ? 'Slot' group by 1)
            select count(*)::int from recount r full join {MartenSetup.Schema}.mt_doc_dayheadcount h on h.id = r.id
            where coalesce((h.data ->> 'Booked')::int, 0) <> coalesce(r.booked, 0) or coalesce((h.data ->> 'Waitlisted')::int, 0) <> coalesce(r.waitlisted, 0)
            """);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForProjectionsAsync(NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var command = dataSource.CreateCommand(
                    $"""
                    select (select coalesce(max(seq_id), 0) from {MartenSetup.Schema}.mt_events)
                         - coalesce((select min(last_seq_id) from {MartenSetup.Schema}.mt_event_progression where name <> 'HighWaterMark'), 0)
                    """);
                if ((long)(await command.ExecuteScalarAsync())! <= 0) return;
            }
            catch (NpgsqlException) { }
            await Task.Delay(250);
        }
    }
}

/// <summary>Polls /health every 100 ms: how long it answered red, and how long from the first red to green again.</summary>
public sealed class HealthProbe(HttpClient http)
{
    private volatile bool _stop;
    private DateTime? _firstRed, _lastGreenAfterRed;
    private double _red;

    public double RedSeconds => _red;
    public double RecoverySeconds => _firstRed is { } r && _lastGreenAfterRed is { } g ? (g - r).TotalSeconds : 0;

    public void Stop() => _stop = true;

    public async Task RunAsync()
    {
        while (!_stop)
        {
            var started = DateTime.UtcNow;
            bool green;
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync("/health", cts.Token);
                green = response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { green = false; }
            if (!green) { _firstRed ??= started; _red += 0.1; }
            else if (_firstRed is not null && _lastGreenAfterRed is null) _lastGreenAfterRed = started;
            await Task.Delay(100);
        }
    }
}
