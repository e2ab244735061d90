using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;

namespace PortailFamille.Bench;

/// <summary>
/// Duplicate and racing PayFiP notifications (ops/chaos payfip): every family pays its invoice through the simulator
/// with the notification held back, then the portal gets ten copies of it at once while the scheduled reconciliation
/// (every second in this run) asks PayFiP too. Afterwards each payment must be credited exactly once.
/// </summary>
public static class PayFiPRace
{
    private const int Copies = 10;

    public static async Task<int> RunAsync(BenchOptions options, string? recordTo)
    {
        var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).UseNodaTime().Build();
        using var store = DocumentStore.For(opts => opts.ConfigurePortail(dataSource, automaticSchemaChanges: true));
        var families = await Seeder.SeedAsync(store, options.Children, options.ClockNow);
        var invoices = await InvoiceEachAsync(store, families, options.ClockNow);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(60),
        };

        var clock = Stopwatch.StartNew();
        var payments = new ConcurrentBag<(Guid PaymentId, string Token, int Amount)>();
        var notifications = 0;
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(invoices, new ParallelOptions { MaxDegreeOfParallelism = options.Clients }, async (invoice, _) =>
        {
            try
            {
                var token = Tokens.Parent(invoice.FamilyId, options.ClockNow);
                using var start = Request(HttpMethod.Post, "/api/payments", token);
                start.Content = JsonContent.Create(new { items = new[] { new { invoiceId = invoice.InvoiceId, amountCents = invoice.Amount } } });
                using var started = await http.SendAsync(start);
                var body = await started.Content.ReadFromJsonAsync<JsonElement>();
                if (!started.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/payments: {(int)started.StatusCode} {body}");
                var paymentId = body.GetProperty("paymentId").GetGuid();
                var page = new Uri(body.GetProperty("redirectUrl").GetString()!);
                var idOp = System.Web.HttpUtility.ParseQueryString(page.Query)["idop"]!;
                var result = invoice.Index % 2 == 0 ? "P" : "V";
                using var paid = await http.PostAsync($"{page.AbsolutePath}?idop={idOp}&result={result}&notify=0", null);
                if ((int)paid.StatusCode != 302) throw new InvalidOperationException($"simulator page: {(int)paid.StatusCode}");
                await Task.WhenAll(Enumerable.Range(0, Copies).Select(async _ =>
                {
                    using var notice = await http.PostAsync("/api/payfip/notification", new FormUrlEncodedContent([new("idop", idOp)]));
                    if (!notice.IsSuccessStatusCode) throw new InvalidOperationException($"notification: {(int)notice.StatusCode}");
                    Interlocked.Increment(ref notifications);
                }));
                payments.Add((paymentId, token, invoice.Amount));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                failures.Add(e.Message);
            }
        });

        var unsettled = await WaitSettledAsync(http, payments.ToList());
        clock.Stop();
        var (credits, doubles, credited) = await CreditsAsync(dataSource);
        var expected = payments.Sum(p => (long)p.Amount);
        var ok = failures.IsEmpty && unsettled == 0 && doubles == 0 && credits == payments.Count && credited == expected;
        const string header = "| date (UTC) | payments | notifications (10 per payment, at once) | reconciliation | payments credited | double credits | credited = paid | failures | time |\n" +
                              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |";
        var row = $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {payments.Count} | {notifications} | every 1 s, racing | {credits} | {doubles} | " +
                  $"{(credited == expected ? "yes" : $"NO ({credited} for {expected})")} | {failures.Count + unsettled} | {clock.Elapsed.TotalSeconds:F0} s |";
        Console.WriteLine(header);
        Console.WriteLine(row);
        foreach (var failure in failures.Take(5)) Console.WriteLine("failure: " + failure);
        if (recordTo is not null) await Report.AppendRowAsync(recordTo, "Duplicate and racing PayFiP notifications (ops/chaos payfip)", header, row);
        return ok ? 0 : 1;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Polls each payment until it is paid (bounded); returns how many never were.</summary>
    private static async Task<int> WaitSettledAsync(HttpClient http, List<(Guid PaymentId, string Token, int Amount)> payments)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var left = payments;
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new List<(Guid, string, int)>();
            foreach (var payment in left)
            {
                using var request = Request(HttpMethod.Get, $"/api/payments/{payment.PaymentId}", payment.Token);
                using var answer = await http.SendAsync(request);
                var status = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
                if (status != "paid") still.Add(payment);
            }
            left = still;
            if (left.Count > 0) await Task.Delay(500);
        }
        return left.Count;
    }

    /// <summary>From the events: how many payments were credited, how many more than once, and the total credited.</summary>
    private static async Task<(int Credits, int Doubles, long Credited)> CreditsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select count(*), count(*) filter (where n > 1), coalesce(sum(total), 0)::bigint
            from (select data ->> 'PaymentId' as payment, count(*) as n, sum((data ->> 'AmountCents')::int) as total
                  from {MartenSetup.Schema}.mt_events where type = 'payment_received' group by 1) credited
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1), reader.GetInt64(2));
    }

    private sealed record Billed(int Index, Guid FamilyId, Guid InvoiceId, int Amount);

    /// <summary>One October invoice per family (a single canteen line), written straight to the streams.</summary>
    private static async Task<List<Billed>> InvoiceEachAsync(IDocumentStore store, IReadOnlyList<SeededChild> families, Instant at)
    {
        var billed = new List<Billed>();
        await using var session = store.LightweightSession();
        foreach (var (family, i) in families.Select((f, i) => (f, i)))
        {
            var invoiceId = Guid.NewGuid();
            var amount = 1000 + i;
            var day = new LocalDate(2026, 10, 5);
            var line = new ChargeLine(family.Canteen, Guid.Empty, $"Enfant{i:D5}", "CANTINE", "CANTINE 2026-2027", "REPAS", 650, amount, [day], amount);
            var number = InvoiceNumber.Format(2026, i + 1);
            session.Events.StartStream<Invoice>(invoiceId, new InvoiceIssued(invoiceId, family.FamilyId, number, "2026-10", new LocalDate(2026, 11, 2),
                new Addressee($"Famille{i:D5}", "1 rue du Banc", null, "34120", "Lézignan-la-Cèbe"), [line], amount, Actor.System, at));
            session.Events.Append(family.Canteen, new MonthCharged(family.Canteen, invoiceId, number, "2026-10", [line], amount, Actor.System, at));
            billed.Add(new Billed(i, family.FamilyId, invoiceId, amount));
        }
        await session.SaveChangesAsync();
        return billed;
    }
}
