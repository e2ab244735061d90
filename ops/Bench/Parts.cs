using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Marten;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Bench;

public sealed record BenchOptions(
    string Url, string ConnectionString, int Children, int Clients, int ReadEvery, Instant ClockNow, int? ApiPid,
    string? RecordTo, string PgBin, int PgPort, int PgbenchScale, int PgbenchSeconds, string? ChaosFault, string? ChaosMarker, bool Invoicing, bool Erasure = false,
    string? Communes = null, string? SingleFigures = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => map.GetValueOrDefault(key, fallback);
        return new BenchOptions(
            Get("url", "http://127.0.0.1:5080"), Get("connection", Environment.GetEnvironmentVariable("ConnectionStrings__Portail") ?? ""),
            int.Parse(Get("children", "3000")), int.Parse(Get("clients", "200")), int.Parse(Get("read-every", "10")),
            InstantPattern.ExtendedIso.Parse(Get("clock-now", "2026-09-14T06:00:00Z")).Value,
            map.TryGetValue("api-pid", out var pid) ? int.Parse(pid) : null, map.GetValueOrDefault("record"),
            Get("pg-bin", "/usr/lib/postgresql/15/bin"), int.Parse(Get("pg-port", "5432")),
            int.Parse(Get("pgbench-scale", "10")), int.Parse(Get("pgbench-seconds", "30")),
            map.GetValueOrDefault("chaos"), map.GetValueOrDefault("marker"), map.GetValueOrDefault("invoicing") == "yes",
            map.GetValueOrDefault("erasure") == "yes", map.GetValueOrDefault("communes"), map.GetValueOrDefault("single-figures"));
    }
}

public sealed record SeededChild(Guid FamilyId, Guid Canteen, Guid Daycare);

/// <summary>Families, children and their inscriptions, written straight to the event store (a rush starts from a full file).</summary>
public static class Seeder
{
    /// <param name="tenant">The commune's tenant when the API serves several (its streams must carry it); alone, Marten's default.</param>
    public static async Task<List<SeededChild>> SeedAsync(IDocumentStore store, int count, Instant at, string? tenant = null)
    {
        var children = new List<SeededChild>();
        var from = new LocalDate(2026, 9, 1);
        var to = new LocalDate(2027, 7, 2);
        for (var start = 0; start < count; start += 500)
        {
            await using var session = store.LightweightSession(tenant ?? JasperFx.StorageConstants.DefaultTenantId);
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                var familyId = Guid.NewGuid();
                var childId = Guid.NewGuid();
                var group = i % 3 == 0 ? "MATERNELLE" : "PRIMAIRE";
                session.Events.StartStream<Family>(familyId,
                    new FamilyFileCreated(familyId, "Mme", "Parent", $"Famille{i:D5}", new Address("1 rue du Banc", "34120", "Lézignan-la-Cèbe"),
                        $"famille{i:D5}@bench.test", new Phones(), new Allocataire(), 300 + i % 900, from, 1, Actor.System, at),
                    new ChildAdded(familyId, childId, $"Enfant{i:D5}", $"Famille{i:D5}", new LocalDate(2018 + i % 6, 1 + i % 12, 1 + i % 28),
                        i % 2 == 0 ? "F" : "M", Actor.System, at));
                var canteen = Guid.NewGuid();
                var daycare = Guid.NewGuid();
                session.Events.StartStream<Inscription>(canteen, new InscriptionOpened(canteen, familyId, childId, "CANTINE", group, from, to, Actor.System, at));
                session.Events.StartStream<Inscription>(daycare, new InscriptionOpened(daycare, familyId, childId, "GARDERIE", group, from, to, Actor.System, at));
                children.Add(new SeededChild(familyId, canteen, daycare));
                session.Store(Tokens.AccountOf(Roles.Parent, familyId, $"famille{i:D5}@bench.test", at));
            }
            if (start == 0) session.Store(Tokens.AccountOf(Roles.Staff, null, "gestion@bench.test", at));
            await session.SaveChangesAsync();
        }
        return children;
    }
}

/// <summary>
/// Parent and staff tokens signed with the development key (the bench's API runs in Development), for accounts the
/// seeder stores, so the API checks their sessions as it does for tokens from a login.
/// </summary>
public static class Tokens
{
    public static Guid AccountIdOf(Guid? familyId) => StableId.For("bench-account", familyId?.ToString() ?? "staff");

    /// <summary>An activated login (the hash is never checked: the bench never logs in).</summary>
    public static Account AccountOf(string role, Guid? familyId, string email, Instant at) => new()
    {
        Id = AccountIdOf(familyId), Email = email, Role = role, FamilyId = familyId, Active = true, PasswordHash = "bench", CreatedAt = at,
    };

    public static string Parent(Guid familyId, Instant now, string? commune = null) => Mint(Roles.Parent, familyId, now, commune);
    public static string Staff(Instant now, string? commune = null) => Mint(Roles.Staff, null, now, commune);

    private static string Mint(string role, Guid? familyId, Instant now, string? commune)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = AccountIdOf(familyId).ToString(), ["role"] = role, [TokenIssuer.SessionVersionClaim] = 0,
            // Alone, the bench's API serves one commune under the id its settings give it.
            [CurrentCommune.Claim] = commune ?? Environment.GetEnvironmentVariable("Commune__Id") ?? CommuneDirectory.DefaultId,
        };
        if (familyId is { } f) claims["familyId"] = f.ToString();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer, Audience = JwtSettings.Issuer, Claims = claims,
            IssuedAt = (now - Duration.FromHours(1)).ToDateTimeUtc(), NotBefore = (now - Duration.FromHours(1)).ToDateTimeUtc(),
            Expires = (now + Duration.FromHours(12)).ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtSettings.DevelopmentKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}

public sealed record Operation(bool IsWrite, Guid? Family, string Path, object? Body, int Changes)
{
    public HttpRequestMessage ToRequest(string token, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(IsWrite ? HttpMethod.Post : HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (Body is not null)
        {
            request.Content = JsonContent.Create(Body);
            request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
        }
        return request;
    }
}

/// <summary>Every child books October's canteen and daycare (morning and evening) at once; reads interleave.</summary>
public static class Workload
{
    public static readonly string[] OctoberSchoolDays =
        ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09", "2026-10-12", "2026-10-13", "2026-10-15", "2026-10-16"];

    /// <summary>One call of each kind, on days outside the measured month.</summary>
    public static IEnumerable<Operation> WarmUp(IReadOnlyList<SeededChild> children) => children.SelectMany(c => new[]
    {
        new Operation(true, c.FamilyId, $"/api/inscriptions/{c.Canteen}/reservations", new { changes = new[] { new { date = "2026-11-05", unit = "REPAS", action = "book" } } }, 1),
        new Operation(true, c.FamilyId, $"/api/inscriptions/{c.Daycare}/reservations", new { changes = new[] { new { date = "2026-11-05", unit = "SOIR", action = "book" } } }, 1),
        new Operation(false, c.FamilyId, $"/api/inscriptions/{c.Canteen}/planning?month=2026-11", null, 0),
        new Operation(false, null, "/api/staff/headcounts?date=2026-11-05", null, 0),
    });

    public static List<Operation> Build(IReadOnlyList<SeededChild> children, int readEvery)
    {
        var random = new Random(2026);
        var writes = children.SelectMany(c => new[]
        {
            new Operation(true, c.FamilyId, $"/api/inscriptions/{c.Canteen}/reservations",
                new { changes = OctoberSchoolDays.Select(d => new { date = d, unit = "REPAS", action = "book" }).ToArray() }, OctoberSchoolDays.Length),
            new Operation(true, c.FamilyId, $"/api/inscriptions/{c.Daycare}/reservations",
                new { changes = OctoberSchoolDays.SelectMany(d => new[] { new { date = d, unit = "MATIN", action = "book" }, new { date = d, unit = "SOIR", action = "book" } }).ToArray() },
                OctoberSchoolDays.Length * 2),
        }).OrderBy(_ => random.Next()).ToList();
        var all = new List<Operation>();
        for (var i = 0; i < writes.Count; i++)
        {
            all.Add(writes[i]);
            if (readEvery <= 0 || i % readEvery != 0) continue;
            var child = children[random.Next(children.Count)];
            all.Add(i % (readEvery * 2) == 0
                ? new Operation(false, child.FamilyId, $"/api/inscriptions/{child.Canteen}/planning?month=2026-10", null, 0)
                : new Operation(false, null, $"/api/staff/headcounts?date={OctoberSchoolDays[random.Next(OctoberSchoolDays.Length)]}", null, 0));
        }
        return all;
    }
}

public static class Audit
{
    /// <summary>Seats held per slot recounted from the events themselves, against each slot's capacity.</summary>
    public static async Task<(int Slots, int Overbooked, int StreamsDisagree)> OverbookedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            with held as (
              select data -> 'Slot' ->> 'ActivityCode' as a, data -> 'Slot' ->> 'Unit' as u, data -> 'Slot' ->> 'Group' as g,
                     (data -> 'Slot' ->> 'Date')::date as d,
                     sum(case when type in ('day_booked', 'waitlist_promoted') then 1 else -1 end) as seats
              from {MartenSetup.Schema}.mt_events
              where type in ('day_booked', 'waitlist_promoted', 'day_cancelled')
              group by 1, 2, 3, 4)
            select count(*)::int,
                   coalesce(sum(greatest(0, h.seats - s.capacity)), 0)::int,
                   count(*) filter (where h.seats <> s.taken)::int
            from held h join {MartenSetup.Schema}.seats s on s.activity_code = h.a and s.unit = h.u and s.grp = h.g and s.day = h.d
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public static double? RssMegabytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}

/// <summary>pgbench on the same cluster, in the same run (STACK.md: -i -s 10, then -c 16 -j 2 -T 30).</summary>
public static class PgBench
{
    public static async Task<double> RunAsync(BenchOptions options)
    {
        await Run(Path.Combine(options.PgBin, "psql"), $"-h 127.0.0.1 -p {options.PgPort} -U postgres -qc \"create database pgbench\"");
        await Run(Path.Combine(options.PgBin, "pgbench"), $"-h 127.0.0.1 -p {options.PgPort} -U postgres -i -s {options.PgbenchScale} -q pgbench");
        var output = await Run(Path.Combine(options.PgBin, "pgbench"), $"-h 127.0.0.1 -p {options.PgPort} -U postgres -c 16 -j 2 -T {options.PgbenchSeconds} pgbench");
        var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = "));
        return tps is null ? 0 : double.Parse(tps.Split(' ')[2], CultureInfo.InvariantCulture);
    }

    private static async Task<string> Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}

public static class Machine
{
    public static string Describe(BenchOptions options)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':')[1].Trim() ?? "?" : "?";
        var memory = File.Exists("/proc/meminfo")
            ? $"{double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024:F0} GiB" : "?";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory}, PostgreSQL {Path.GetFileName(Path.GetDirectoryName(options.PgBin))}";
    }
}

public sealed record BenchResult(
    DateTime At, int Children, int Clients, int Posts, int Decisions, int Reads, double Seconds,
    double WriteP50, double WriteP95, double WriteP99, double ReadP50, double ReadP95, double ReadP99,
    int Errors, long Retries, long Batches, int Slots, int Overbooked, int StreamsDisagree, double? ApiRssMb, double PgbenchTps, string Machine,
    double LagP50, double LagP99)
{
    public double PostsPerSecond => Posts / Seconds;
    public double DecisionsPerSecond => Decisions / Seconds;
    public double Ratio => PgbenchTps > 0 ? PostsPerSecond / PgbenchTps : 0;

    public string ToMarkdownHeader() =>
        "| date (UTC) | children | clients | POSTs | POSTs/s | day decisions/s | write p50/p95/p99 ms | reads | read p50/p95/p99 ms | headcount lag p50/p99 ms | errors | retries | batches | overbooked seats | slots audited | API RSS MB | pgbench TPS | ratio | machine |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {At:yyyy-MM-dd HH:mm} | {Children} | {Clients} | {Posts} | {PostsPerSecond:F0} | {DecisionsPerSecond:F0} | {WriteP50:F0} / {WriteP95:F0} / {WriteP99:F0} | {Reads} | {ReadP50:F0} / {ReadP95:F0} / {ReadP99:F0} | {LagP50:F0} / {LagP99:F0} | {Errors} | {Retries} | {Batches} | {Overbooked} | {Slots} | {ApiRssMb:F0} | {PgbenchTps:F0} | {Ratio:F2} | {Machine} |");
}

public static class Report
{
    public static Task AppendAsync(string file, BenchResult result) =>
        AppendRowAsync(file, "Opening-day rush (ops/bench)", result.ToMarkdownHeader(), result.ToMarkdownRow());

    /// <summary>Prints a table's header and row, and appends the row to the file when one is given.</summary>
    public static async Task ShowAsync(string? file, string title, string header, string row)
    {
        Console.WriteLine(header);
        Console.WriteLine(row);
        if (file is not null) await AppendRowAsync(file, title, header, row);
    }

    /// <summary>Appends a row to the file's table with that header, starting the section if it is not there yet.</summary>
    public static async Task AppendRowAsync(string file, string title, string header, string row)
    {
        var lines = (File.Exists(file) ? await File.ReadAllTextAsync(file) : "").TrimEnd().Split('\n').ToList();
        var headerAt = lines.FindIndex(l => l == header.Split('\n')[0]);
        if (headerAt < 0)
        {
            if (lines is [""]) lines.Clear(); else lines.Add("");
            lines.AddRange([$"## {title}", "", .. header.Split('\n'), row]);
        }
        else
        {
            // After the last row of that table, which need not be the end of the file (other sections follow it).
            var end = headerAt + 1;
            while (end + 1 < lines.Count && lines[end + 1].StartsWith('|')) end++;
            lines.Insert(end + 1, row);
        }
        await File.WriteAllTextAsync(file, string.Join('\n', lines) + "\n");
    }
}

/// <summary>
/// Projection lag, sampled during the rush: take the last committed event (every acknowledged booking is at or
/// before it), then time how long until the headcount projection has processed it.
/// </summary>
public static class Lag
{
    public static async Task SampleAsync(NpgsqlDataSource dataSource, HdrHistogram.LongHistogram histogram, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var target = await ScalarAsync(dataSource, $"select coalesce(max(seq_id), 0) from {MartenSetup.Schema}.mt_events");
                while (await ScalarAsync(dataSource,
                           $"select coalesce(max(last_seq_id), 0) from {MartenSetup.Schema}.mt_event_progression where name like 'DayHeadcount%'") < target)
                    await Task.Delay(10);
                lock (histogram) histogram.RecordValue(Stopwatch.GetTimestamp() - started);
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException) { return; }
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
