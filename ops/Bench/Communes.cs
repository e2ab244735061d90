using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using Marten;
using Npgsql;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Bench;

/// <summary>What one rush measured: its duration, write and read latencies, and the errors seen.</summary>
public sealed record RushFigures(double Seconds, LongHistogram Writes, LongHistogram Reads, int Errors, IReadOnlyList<string> ErrorSamples)
{
    public static double Ms(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>The rush itself: <paramref name="clients"/> clients take the operations in turn, each call timed.</summary>
public static class Rush
{
    public static async Task<RushFigures> RunAsync(HttpClient http, IReadOnlyList<Operation> operations, Func<Operation, HttpRequestMessage> request,
        int clients)
    {
        var writes = new LongHistogram(TimeStamp.Minutes(10), 3);
        var reads = new LongHistogram(TimeStamp.Minutes(10), 3);
        var queue = new ConcurrentQueue<Operation>(operations);
        var errors = 0;
        var samples = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (queue.TryDequeue(out var op))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var message = request(op);
                    using var response = await http.SendAsync(message);
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    lock (op.IsWrite ? writes : reads) (op.IsWrite ? writes : reads).RecordValue(elapsed);
                    if (response.IsSuccessStatusCode) continue;
                    Interlocked.Increment(ref errors);
                    var text = await response.Content.ReadAsStringAsync();
                    samples.Add($"{(int)response.StatusCode} {op.Path}: {text[..Math.Min(200, text.Length)]}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    samples.Add($"{op.Path}: {e.GetType().Name} {e.Message}");
                }
            }
        }));
        clock.Stop();
        return new RushFigures(clock.Elapsed.TotalSeconds, writes, reads, errors, samples.ToList());
    }
}

/// <summary>The single-commune run's figures, kept for the several-communes run that follows it in ops/bench --communes.</summary>
public sealed record SingleFigures(double PostsPerSecond, double DecisionsPerSecond, double WriteP99);

/// <summary>
/// ops/bench --communes N, on an API serving N + 1 communes, one database each, each reached on its own host name: the
/// rush in the first commune alone (all the clients), then in the N others at once (the clients split between them).
/// Reports each commune's figures, the total, the same run's single-commune figures (measured just before on today's
/// single-commune deployment), the database growth per decision, and whether any row of one commune reached another's
/// database.
/// </summary>
public static class CommunesBench
{
    public sealed record Commune(string Id, string Host, string Connection);

    /// <summary>"id|host|connection string,id|host|connection string" (connection strings hold ';', never ',' or '|').</summary>
    public static IReadOnlyList<Commune> Parse(string spec) => spec.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(part => part.Split('|')).Select(p => new Commune(p[0], p[1], p[2])).ToList();

    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<Commune> communes, string baselineFile, string? recordTo)
    {
        var single = JsonSerializer.Deserialize<SingleFigures>(await File.ReadAllTextAsync(baselineFile))!;
        var seeded = new List<(Commune Commune, NpgsqlDataSource Source, List<SeededChild> Children, long SeededBytes)>();
        foreach (var commune in communes)
        {
            var source = new NpgsqlDataSourceBuilder(commune.Connection).UseNodaTime().Build();
            using var store = DocumentStore.For(opts => opts.ConfigurePortail(source, automaticSchemaChanges: false));
            Console.WriteLine($"bench: seeding {options.Children} children in {commune.Id} …");
            var children = await Seeder.SeedAsync(store, options.Children, options.ClockNow, commune.Id);
            seeded.Add((commune, source, children, (await SizeAsync(source)).Bytes));
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2),
        };
        var rushes = seeded.Select(s =>
        {
            var tokens = s.Children.Select(c => c.FamilyId).Distinct().ToDictionary(f => f, f => Tokens.Parent(f, options.ClockNow, s.Commune.Id));
            var staff = Tokens.Staff(options.ClockNow, s.Commune.Id);
            HttpRequestMessage Request(Operation op)
            {
                var message = op.ToRequest(op.Family is { } f ? tokens[f] : staff);
                message.Headers.Host = s.Commune.Host;
                return message;
            }
            return (s.Commune, s.Source, s.Children, s.SeededBytes, Request: (Func<Operation, HttpRequestMessage>)Request,
                Operations: Workload.Build(s.Children, options.ReadEvery));
        }).ToList();
        foreach (var rush in rushes)
        foreach (var warm in Workload.WarmUp(rush.Children.Take(3).ToList()))
        {
            using var message = rush.Request(warm);
            using var response = await http.SendAsync(message);
        }

        var alone = rushes[0];
        Console.WriteLine($"bench: the rush in {alone.Commune.Id} alone, {options.Clients} clients …");
        var aloneFigures = await Rush.RunAsync(http, alone.Operations, alone.Request, options.Clients);
        var alonePosts = alone.Operations.Count(o => o.IsWrite) / aloneFigures.Seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {alone.Commune.Id} alone: {alonePosts:F0} POSTs/s, write p99 {RushFigures.Ms(aloneFigures.Writes, 99):F0} ms"));

        rushes = rushes.Skip(1).ToList();
        Console.WriteLine($"bench: the rush in {rushes.Count} communes at once, {options.Clients} clients split between them …");
        var clients = Math.Max(1, options.Clients / rushes.Count);
        var figures = await Task.WhenAll(rushes.Select(r => Rush.RunAsync(http, r.Operations, r.Request, clients)));

        var rows = new List<string>();
        var (totalPosts, totalDecisions, overbooked, crossRows, errors) = (0.0, 0.0, 0, 0L, aloneFigures.Errors);
        var wall = figures.Max(f => f.Seconds);
        for (var i = 0; i < rushes.Count; i++)
        {
            var (rush, f) = (rushes[i], figures[i]);
            var posts = rush.Operations.Count(o => o.IsWrite);
            var decisions = rush.Operations.Where(o => o.IsWrite).Sum(o => o.Changes);
            var audit = await Audit.OverbookedAsync(rush.Source);
            var others = rushes.Prepend(alone).Where(o => o.Commune != rush.Commune).SelectMany(o => o.Children.SelectMany(c => new[] { c.FamilyId, c.Canteen, c.Daycare })).ToArray();
            var foreign = await ForeignStreamsAsync(rush.Source, others);
            var (bytes, events) = await SizeAsync(rush.Source);
            (totalPosts, totalDecisions) = (totalPosts + posts / wall, totalDecisions + decisions / wall);
            (overbooked, crossRows, errors) = (overbooked + audit.Overbooked + audit.StreamsDisagree, crossRows + foreign, errors + f.Errors);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"{rush.Commune.Id}: {posts / f.Seconds:F0} POSTs/s, {decisions / f.Seconds:F0} day decisions/s, write p50/p99 {RushFigures.Ms(f.Writes, 50):F0}/{RushFigures.Ms(f.Writes, 99):F0} ms, " +
                $"read p99 {RushFigures.Ms(f.Reads, 99):F0} ms, {f.Errors} errors, {audit.Overbooked} overbooked, {foreign} rows of another commune; " +
                $"database {bytes / 1048576.0:F0} MB for {events} events, grown by {(bytes - rush.SeededBytes) / 1048576.0:F0} MB in the rush " +
                $"({(double)(bytes - rush.SeededBytes) / decisions:F0} bytes per day decision)"));
            foreach (var sample in f.ErrorSamples.Take(3)) Console.WriteLine($"error sample ({rush.Commune.Id}): {sample}");
        }
        foreach (var line in rows) Console.WriteLine("bench: " + line);
        var pgbench = await PgBench.RunAsync(options);
        const string header =
            "| date (UTC) | communes at once | children each | clients | single-commune deployment POSTs/s | one commune alone on the several-communes API POSTs/s (÷ single) | POSTs/s per commune at once | total POSTs/s | total ÷ single | total day decisions/s | write p99 ms per commune | overbooked | rows in another commune's database | errors | pgbench TPS | total ÷ pgbench | machine |\n" +
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {rushes.Count} | {options.Children} | {options.Clients} | {single.PostsPerSecond:F0} | " +
            $"{alonePosts:F0} ({alonePosts / single.PostsPerSecond:F2}) | " +
            $"{string.Join(" / ", rushes.Select((r, i) => (r.Operations.Count(o => o.IsWrite) / figures[i].Seconds).ToString("F0", CultureInfo.InvariantCulture)))} | " +
            $"{totalPosts:F0} | {totalPosts / single.PostsPerSecond:F2} | {totalDecisions:F0} | " +
            $"{string.Join(" / ", figures.Select(f => RushFigures.Ms(f.Writes, 99).ToString("F0", CultureInfo.InvariantCulture)))} | {overbooked} | {crossRows} | {errors} | " +
            $"{pgbench:F0} | {(pgbench > 0 ? totalPosts / pgbench : 0):F2} | {Machine.Describe(options)} |");
        await Report.ShowAsync(recordTo, "Several communes at once (ops/bench --communes)", header, row);
        return overbooked == 0 && crossRows == 0 && errors == 0 ? 0 : 1;
    }

    /// <summary>The database's size on disk and its number of events, for the storage arithmetic of docs/scaling.md.</summary>
    private static async Task<(long Bytes, long Events)> SizeAsync(NpgsqlDataSource source)
    {
        await using var command = source.CreateCommand($"select pg_database_size(current_database()), (select count(*) from {MartenSetup.Schema}.mt_events)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Streams of this database whose ids were seeded in another commune's (none, or the databases are not apart).</summary>
    private static async Task<long> ForeignStreamsAsync(NpgsqlDataSource source, Guid[] othersIds)
    {
        await using var command = source.CreateCommand($"select count(*) from {MartenSetup.Schema}.mt_streams where id = any(@ids)");
        command.Parameters.AddWithValue("ids", othersIds);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
