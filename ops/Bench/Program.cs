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
if (options.Communes is { } communes)
    return await CommunesBench.RunAsync(options, CommunesBench.Parse(communes), options.SingleFigures!, options.RecordTo);

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
var lag = new LongHistogram(TimeStamp.Minutes(10), 3);
using var lagStop = new CancellationTokenSource();
var lagSampling = Lag.SampleAsync(dataSource, lag, lagStop.Token);
var rush = await Rush.RunAsync(http, operations, op => op.ToRequest(op.Family is { } f ? tokens[f] : staffToken), options.Clients);
await lagStop.CancelAsync();
await lagSampling;
var (seconds, writes, reads, errors, errorSamples) = (rush.Seconds, rush.Writes, rush.Reads, rush.Errors, rush.ErrorSamples);
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
    RushFigures.Ms(writes, 50), RushFigures.Ms(writes, 95), RushFigures.Ms(writes, 99), RushFigures.Ms(reads, 50), RushFigures.Ms(reads, 95), RushFigures.Ms(reads, 99),
    errors, retries, batches, audit.Slots, audit.Overbooked, audit.StreamsDisagree, rssMb, pgbench, Machine.Describe(options),
    RushFigures.Ms(lag, 50), RushFigures.Ms(lag, 99));
Console.WriteLine();
Console.WriteLine(result.ToMarkdownHeader());
Console.WriteLine(result.ToMarkdownRow());
foreach (var sample in errorSamples.Take(5)) Console.WriteLine("error sample: " + sample);
if (options.RecordTo is { } file) await Report.AppendAsync(file, result);
// ops/bench --communes: the several-communes run compares itself with this one.
if (options.SingleFigures is { } figuresFile)
    await File.WriteAllTextAsync(figuresFile, JsonSerializer.Serialize(new SingleFigures(result.PostsPerSecond, result.DecisionsPerSecond, result.WriteP99)));
return audit.Overbooked == 0 && errors == 0 && audit.StreamsDisagree == 0 ? 0 : 1;

