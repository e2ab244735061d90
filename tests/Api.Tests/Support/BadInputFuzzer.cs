using System.Text.Json.Nodes;
using Alba;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PortailFamille.Api.Tests.Support;

/// <summary>One malformed request: what was broken, and how.</summary>
public sealed record BadRequest(string Kind, string? Body = null, string? PathValue = null, string? Query = null, string ContentType = "application/json");

public sealed record FuzzReport(int Sent, IReadOnlyList<string> Failures, IReadOnlyDictionary<string, int> ByKind);

/// <summary>
/// Property-based bad input (CsCheck): for each operation, requests of the right shape broken one way —
/// wrong types, missing and extra fields, huge strings, impossible dates and months, negative and enormous
/// numbers, unknown enum values, bad ids, wrong content types, broken JSON. Every answer must be a 4xx
/// problem+json (never a 5xx), and a refused request must not append any event.
/// </summary>
public static class BadInputFuzzer
{
    private static readonly string Huge = new('é', 100_000);

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<JsonNode?> BadLeaf = Pick<Func<JsonNode?>>(
        () => JsonValue.Create(Huge), () => JsonValue.Create(""), () => JsonValue.Create("2026-02-30"), () => JsonValue.Create("2026-13-01"),
        () => JsonValue.Create("hier"), () => JsonValue.Create("2026-1"), () => JsonValue.Create(-1), () => JsonValue.Create(int.MinValue),
        () => JsonValue.Create(1e20), () => JsonValue.Create(9223372036854775807L), () => JsonValue.Create(0.5), () => JsonValue.Create(true),
        () => null, () => new JsonObject { ["x"] = 1 }, () => new JsonArray(1, 2), () => JsonValue.Create("valeur-inconnue"),
        () => JsonValue.Create("00000000-0000-0000-0000-00000000000z"), () => JsonValue.Create("\u0000\uFFFF<script>"))
        .Select(make => make());

    private static readonly Gen<string> BadPathValue = Pick("pas-un-id", "00000000-0000-0000-0000-000000000000", "a b", "..",
        new string('9', 5000), "1; drop table mt_events", "é");

    private static readonly Gen<string> BadQuery = Pick("from=2026-02-30&to=2026-03-01", "date=demain", "month=2026-13", "month=26-10",
        "from=2027-01-01&to=2026-01-01", "date=" + new string('1', 5000), "q=" + new string('q', 5000), "from=&to=", "date=2026-10-05&from=x",
        "page=0", "pageSize=100000", "page=-1&pageSize=0", "page=deux");

    private static readonly Gen<string> BrokenJson = Pick("{", "{\"changes\":", "[", "nul", "{\"a\":1,,}", "\"chaîne\"", "42", "[]", "null", "{}{}", "\u00ff\u00fe");

    private static readonly Gen<string> WrongContentType = Pick("text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded");

    public static bool HasInput(OperationSpec op) => op.Body is not null || op.Path.Contains('{') || op.Query is not null;

    /// <summary>All the ways one request of this operation is broken.</summary>
    public static Gen<BadRequest> For(OperationSpec op, CatalogIds ids)
    {
        var sample = op.Body?.Invoke(ids) is { } body ? JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body, AccessMatrix.Json)) : null;
        var gens = new List<Gen<BadRequest>>();
        if (sample is not null)
        {
            var leaves = Leaves(sample).ToList();
            var objects = Objects(sample).ToList();
            gens.Add(Gen.Int[0, leaves.Count - 1].Select(BadLeaf, (i, bad) =>
            {
                var copy = sample.DeepClone();
                Replace(copy, leaves[i].Path, bad);
                return new BadRequest($"bad value in {leaves[i].Path}", copy.ToJsonString());
            }));
            gens.Add(Gen.Int[0, leaves.Count - 1].Select(i =>
            {
                var copy = sample.DeepClone();
                Remove(copy, leaves[i].Path);
                return new BadRequest($"missing {leaves[i].Path}", copy.ToJsonString());
            }));
            gens.Add(Gen.Int[0, objects.Count - 1].Select(Gen.String[1, 12], (i, name) =>
            {
                var copy = sample.DeepClone();
                ((JsonObject)At(copy, objects[i])!)["extra_" + name] = 1;
                return new BadRequest("extra field", copy.ToJsonString());
            }));
            gens.Add(BrokenJson.Select(json => new BadRequest("broken JSON", json)));
            gens.Add(Gen.Int[1, 40].Select(cut => new BadRequest("truncated JSON", sample.ToJsonString()[..Math.Min(cut, sample.ToJsonString().Length - 1)])));
            gens.Add(WrongContentType.Select(type => new BadRequest("wrong content type", sample.ToJsonString(), ContentType: type)));
        }
        if (op.Path.Contains('{')) gens.Add(BadPathValue.Select(value => new BadRequest("bad id in the path", sample?.ToJsonString(), PathValue: value)));
        if (op.Query is not null) gens.Add(BadQuery.Select(query => new BadRequest("bad query", Query: query)));
        return gens.Count == 0 ? Gen.Const(new BadRequest("none")) : Gen.OneOf(gens.ToArray());
    }

    public static async Task<FuzzReport> RunAsync(IAlbaHost host, IEnumerable<OperationSpec> operations, CatalogIds ids,
        Func<OperationSpec, string?> tokenFor, int perOperation, string seed = "portail-famille")
    {
        var failures = new List<string>();
        var byKind = new Dictionary<string, int>();
        var sent = 0;
        var dataSource = host.Services.CommuneDataSource();
        foreach (var op in operations)
        {
            var gen = For(op, ids);
            if (gen is null) continue;
            var cases = new List<BadRequest>();
            // Failures are collected, not thrown, so nothing is shrunk: the report names each broken request.
            Check.Sample(gen, cases.Add, iter: perOperation, threads: 1, seed: seed);
            foreach (var bad in cases.Where(c => c.Kind != "none"))
            {
                var before = bad.Kind == "bad query" || op.Method == "GET" ? -1 : await EventCountAsync(dataSource);
                var spec = bad.Query is null ? op : op with { Query = bad.Query };
                var correlation = $"fuzz-{sent}-{Guid.NewGuid():N}";
                var (status, text) = await AccessMatrix.SendAsync(host, spec, ids, tokenFor(op), bad.PathValue, bad.Body ?? (op.Body is null ? op.RawBody : null),
                    bad.ContentType, correlation);
                sent++;
                byKind[bad.Kind.Split(' ')[0]] = byKind.GetValueOrDefault(bad.Kind.Split(' ')[0]) + 1;
                var what = $"{op.Key} ({bad.Kind}{(bad.PathValue is null ? "" : " " + bad.PathValue[..Math.Min(20, bad.PathValue.Length)])})";
                if (status >= 500) failures.Add($"{what}: {status}");
                else if (status >= 400 && text.StartsWith("NOT-PROBLEM-JSON")) failures.Add($"{what}: {status} without problem+json");
                // Events written meanwhile by scheduled work (a payment's reconciliation) are not this request's: only its own
                // correlation id, which every event carries, says that the refused request wrote something.
                else if (before >= 0 && status >= 400 && await EventCountAsync(dataSource) != before && await EventsOfAsync(dataSource, correlation) > 0)
                    failures.Add($"{what}: refused ({status}) but wrote events");
            }
        }
        return new FuzzReport(sent, failures, byKind);
    }

    private static async Task<long> EventsOfAsync(NpgsqlDataSource dataSource, string correlation)
    {
        await using var command = dataSource.CreateCommand("select count(*) from portail.mt_events where correlation_id = @c");
        command.Parameters.AddWithValue("c", correlation);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> EventCountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from portail.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    if (child is JsonObject or JsonArray) foreach (var leaf in Leaves(child, $"{path}/{key}")) yield return leaf;
                    else yield return ($"{path}/{key}", child);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonObject or JsonArray) foreach (var leaf in Leaves(a[i]!, $"{path}/{i}")) yield return leaf;
                    else yield return ($"{path}/{i}", a[i]);
                break;
        }
    }

    private static IEnumerable<string> Objects(JsonNode node, string path = "")
    {
        if (node is JsonObject o)
        {
            yield return path;
            foreach (var (key, child) in o) if (child is not null) foreach (var p in Objects(child, $"{path}/{key}")) yield return p;
        }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++) if (a[i] is not null) foreach (var p in Objects(a[i]!, $"{path}/{i}")) yield return p;
    }

    private static JsonNode? At(JsonNode root, string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate<string, JsonNode?>(root,
            (node, part) => node is JsonArray a ? a[int.Parse(part)] : node![part]);

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Split(root, path);
        if (parent is JsonArray a) a[int.Parse(last)] = value;
        else ((JsonObject)parent!)[last] = value;
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Split(root, path);
        if (parent is JsonArray a) a.RemoveAt(int.Parse(last));
        else ((JsonObject)parent!).Remove(last);
    }

    private static (JsonNode? Parent, string Last) Split(JsonNode root, string path)
    {
        var cut = path.LastIndexOf('/');
        return (At(root, path[..cut]), path[(cut + 1)..]);
    }
}
