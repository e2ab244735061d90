using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using Marten;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Bench;

// The opening-day rush, measured through HTTP against a running API (ops/bench starts it and PostgreSQL).
var options = BenchOptions.Parse(args);
if (options.ChaosFault == "payfip") return await PayFiPRace.RunAsync(options, options.RecordTo);
if (options.ChaosFault is { } fault) return await Chaos.RunAsync(options, fault, options.ChaosMarker!, options.RecordTo);
var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).UseNodaTime().Build();
using var store = DocumentStore.For(opts => opts.ConfigurePortail(dataSource, automaticSchemaChanges: true));
if (options.Invoicing) return await Invoicing.RunAsync(options, store, options.RecordTo);
if (options.Erasure) return await Erasure.RunAsync(options, store, options.RecordTo);

Console.WriteLine($"bench: seeding {options.Children} children …");
var children = await Seeder.SeedAsync(store, options.Children, options.ClockNow);
var tokens = children.Select(c => c.FamilyId).Distinct().ToDictionary(f => f, f => Tokens.Parent(f, options.ClockNow));
var staffToken = Tokens.Staff(options.ClockNow);

var operations = Workload.Build(children, options.ReadEvery);
Console.WriteLine($"bench: {operations.Count(o => o.IsWrite)} booking POSTs ({operations.Where(o => o.IsWrite).Sum(o => o.Changes)} day changes) " +
                  $"and {operations.Count(o => !o.IsWrite)} reads, {options.Clients} clients …");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2),
};
// Warm-up: Wolverine compiles each endpoint on its first call; that is start-up, not the rush.
foreach (var warm in Workload.WarmUp(children.Take(3).ToList()))
{
    using var request = warm.ToRequest(warm.Family is { } f ? tokens[f] : staffToken);
    using var response = await http.SendAsync(request);
}
var writes = new LongHistogram(TimeStamp.Minutes(10), 3);
var reads = new LongHistogram(TimeStamp.Minutes(10), 3);
var queue = new ConcurrentQueue<Operation>(operations);
var lag = new LongHistogram(TimeStamp.Minutes(10), 3);
using var lagStop = new CancellationTokenSource();
var lagSampling = Lag.SampleAsync(dataSource, lag, lagStop.Token);
var errors = 0;
var errorSamples = new ConcurrentBag<string>();
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
{
    while (queue.TryDequeue(out var op))
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = op.ToRequest(op.Family is { } f ? tokens[f] : staffToken);
            using var response = await http.SendAsync(request);
            var elapsed = Stopwatch.GetTimestamp() - started;
            lock (op.IsWrite ? writes : reads) (op.IsWrite ? writes : reads).RecordValue(elapsed);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
                var text = await response.Content.ReadAsStringAsync();
                errorSamples.Add($"{(int)response.StatusCode} {op.Path}: {text[..Math.Min(200, text.Length)]}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref errors);
            errorSamples.Add($"{op.Path}: {e.GetType().Name} {e.Message}");
        }
    }
}));
clock.Stop();
await lagStop.CancelAsync();
await lagSampling;

var seconds = clock.Elapsed.TotalSeconds;
var posts = operations.Count(o => o.IsWrite);
var decisions = operations.Where(o => o.IsWrite).Sum(o => o.Changes);
var health = await http.GetFromJsonAsync<JsonElement>("/health");
var retries = health.GetProperty("bookingDesk").GetProperty("retries").GetInt64();
var batches = health.GetProperty("bookingDesk").GetProperty("batches").GetInt64();
Console.WriteLine("desk: " + health.GetProperty("bookingDesk"));
var audit = await Audit.OverbookedAsync(dataSource);
var rssMb = options.ApiPid is { } pid ? Audit.RssMegabytes(pid) : (double?)null;
Console.WriteLine($"bench: rush done in {seconds:F1} s; auditing and running pgbench …");
var pgbench = await PgBench.RunAsync(options);

var result = new BenchResult(
    DateTime.UtcNow, options.Children, options.Clients, posts, decisions, operations.Count(o => !o.IsWrite), seconds,
    Ms(writes, 50), Ms(writes, 95), Ms(writes, 99), Ms(reads, 50), Ms(reads, 95), Ms(reads, 99),
    errors, retries, batches, audit.Slots, audit.Overbooked, audit.StreamsDisagree, rssMb, pgbench, Machine.Describe(options),
    Ms(lag, 50), Ms(lag, 99));
Console.WriteLine();
Console.WriteLine(result.ToMarkdownHeader());
Console.WriteLine(result.ToMarkdownRow());
foreach (var sample in errorSamples.Take(5)) Console.WriteLine("error sample: " + sample);
if (options.RecordTo is { } file) await Report.AppendAsync(file, result);
return audit.Overbooked == 0 && errors == 0 && audit.StreamsDisagree == 0 ? 0 : 1;

static double Ms(LongHistogram histogram, double percentile) =>
    histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
