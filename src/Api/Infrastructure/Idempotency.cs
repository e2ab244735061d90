using System.Security.Cryptography;
using Marten;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using NodaTime;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PortailFamille.Api.Infrastructure;

/// <summary>The (user, key) of the request being served, for the transactions it commits to mark.</summary>
public sealed class IdempotencyScope(Guid userId, string key, IServiceProvider services)
{
    public Guid UserId { get; } = userId;
    public string Key { get; } = key;

    private static readonly AsyncLocal<IdempotencyScope?> Ambient = new();
    public static IdempotencyScope? Current { get => Ambient.Value; set => Ambient.Value = value; }

    /// <summary>The request's answer, rendered before its effect commits (see <see cref="StageAsync"/>).</summary>
    private (int Status, byte[] Body, string? ContentType)? _answer;

    /// <summary>
    /// Renders the answer the request will give, before the transaction that commits its effect, so that transaction
    /// stores it too: a retry after the process died between the commit and the answer replays that answer.
    /// </summary>
    public async Task StageAsync(IResult answer)
    {
        try
        {
            var scratch = new DefaultHttpContext { RequestServices = services };
            await using var body = new MemoryStream();
            scratch.Response.Body = body;
            await answer.ExecuteAsync(scratch);
            _answer = (scratch.Response.StatusCode, body.ToArray(), scratch.Response.ContentType);
        }
        catch (Exception)
        {
            // The answer is what a retry gets back; failing to render it must not stop the effect from committing.
            // The mark alone then tells a retry that the request was applied (409).
            _answer = null;
        }
    }

    /// <summary>Wolverine endpoints: called between the handler and the transaction's commit (IdempotentAnswerPolicy).</summary>
    public static Task StageCurrentAsync(IResult result) => Current?.StageAsync(result) ?? Task.CompletedTask;

    /// <summary>
    /// Marks, in the transaction that commits the request's effect, that the effect is committed, with its answer when
    /// it is known: whatever happens to the answer afterwards (the process dies, the client hangs up), the key is never
    /// run again, and its answer is replayed.
    /// </summary>
    public void MarkCommitted(IDocumentSession session)
    {
        if (_answer is { } answer)
            session.QueueSqlCommand(
                $"update {Idempotency.Table} set committed_at = clock_timestamp(), status = ?, response = ?, content_type = ? where user_id = ? and key = ?",
                answer.Status, answer.Body, (object?)answer.ContentType ?? DBNull.Value, UserId, Key);
        else
            session.QueueSqlCommand($"update {Idempotency.Table} set committed_at = clock_timestamp() where user_id = ? and key = ?", UserId, Key);
    }
}

/// <summary>
/// Wolverine writes an endpoint's <see cref="IResult"/> after its transaction commits. For a keyed request the answer
/// is also rendered just before that commit, so the commit stores it (<see cref="IdempotencyScope.MarkCommitted"/>).
/// The response itself is still written after the commit, by Wolverine's own writer.
/// </summary>
public sealed class IdempotentAnswerPolicy : Wolverine.Http.Resources.IResourceWriterPolicy
{
    public bool TryApply(Wolverine.Http.HttpChain chain)
    {
        if (!typeof(IResult).IsAssignableFrom(chain.ResourceType)) return false;
        var commit = chain.Postprocessors.FindIndex(IsCommit);
        if (commit >= 0)
            chain.Postprocessors.Insert(commit, new JasperFx.CodeGeneration.Frames.MethodCall(typeof(IdempotencyScope), nameof(IdempotencyScope.StageCurrentAsync)));
        return false; // Wolverine's IResult writer still applies.
    }

    private static bool IsCommit(JasperFx.CodeGeneration.Frames.Frame frame) =>
        frame is JasperFx.CodeGeneration.Frames.MethodCall { Method.Name: "SaveChangesAsync" };
}

/// <summary>Marks every transaction a keyed request commits in its own flow (desk works mark theirs in the desk's).</summary>
public sealed class IdempotencyListener : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        // Only a transaction that changes something: a refusal's empty save commits no effect.
        if (IdempotencyScope.Current is { } scope && (session.PendingChanges.Operations().Any() || session.PendingChanges.Streams().Any()))
            scope.MarkCommitted(session);
        return Task.CompletedTask;
    }
}

/// <summary>
/// <c>Idempotency-Key</c> on authenticated POSTs: scoped to (user, key) and kept 24 hours on the
/// application clock. The same key with the same route and body replays the first answer (2xx or 4xx)
/// and changes nothing; with another route or body → 422; while the first is still running → 409. The
/// transaction that commits the first request's effect also marks the key and stores the answer rendered just
/// before it: a key whose effect committed is never run again, and a retry gets that answer even when the process
/// died before answering (409 "déjà appliquée" only when the commit came before the answer was known).
/// </summary>
public sealed class Idempotency(RequestDelegate next, CommuneDatabases databases, IClock clock, IServiceProvider services)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;
    public static readonly Duration KeptFor = Duration.FromHours(24);
    /// <summary>A first request still "running" after this long died with its process or its database: retry for real.</summary>
    public static readonly Duration AbandonedAfter = Duration.FromSeconds(30);
    internal const string Table = $"{MartenSetup.Schema}.idempotency";

    public static void AddTable(StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, "idempotency", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("user_id").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<string>("route").NotNull();
        table.AddColumn<string>("body_hash").NotNull();
        table.AddColumn<int>("status");
        table.AddColumn("response", "bytea");
        table.AddColumn<string>("content_type");
        table.AddColumn("created_at", "timestamptz").NotNull();
        // Set in the effect's own transaction (IdempotencyScope.MarkCommitted).
        table.AddColumn("committed_at", "timestamptz").AllowNulls();
        opts.Storage.ExtendedSchemaObjects.Add(table);
        opts.Listeners.Add(new IdempotencyListener());
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is not { } subject || !Guid.TryParse(subject, out var userId))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await Problems.Invalid(Header, $"L'en-tête {Header} doit contenir de 1 à {MaxKeyLength} caractères.").ExecuteAsync(context);
            return;
        }

        // The commune's own table: a key, like the account it belongs to, means nothing in another commune.
        var dataSource = databases.For(CurrentCommune.Of(context) ?? throw new InvalidOperationException("No commune resolved."));
        var route = $"{context.Request.Method} {context.Request.Path}";
        var hash = await BodyHashAsync(context.Request);
        var now = clock.GetCurrentInstant();
        if (!await ClaimAsync(dataSource, userId, key, route, hash, now))
        {
            await AnswerRepeatAsync(dataSource, context, userId, key, route, hash, now);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        // The application's services, not the request's: a desk batch may render the answer after the client hung up.
        IdempotencyScope.Current = new IdempotencyScope(userId, key, services);
        try
        {
            await next(context);
        }
        catch when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up: the work may still commit (a desk batch goes on), so the key stays held; a retry is
            // told it is running, then that it was applied, or (nothing committed) runs after the abandon delay.
            throw;
        }
        catch
        {
            await ForgetAsync(dataSource, userId, key);
            throw;
        }
        finally
        {
            IdempotencyScope.Current = null;
            context.Response.Body = original;
        }
        if (context.Response.StatusCode >= 500) await ForgetAsync(dataSource, userId, key);
        else await RememberAsync(dataSource, userId, key, context.Response.StatusCode, captured.ToArray(), context.Response.ContentType);
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<string> BodyHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        var hash = Convert.ToHexString(await SHA256.HashDataAsync(request.Body));
        request.Body.Position = 0;
        return hash;
    }

    /// <summary>Takes the key for this request, unless a live record holds it (an expired one is replaced).</summary>
    private async Task<bool> ClaimAsync(NpgsqlDataSource dataSource, Guid userId, string key, string route, string hash, Instant now)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            insert into {Table} as t (user_id, key, route, body_hash, created_at) values (@u, @k, @r, @h, @now)
            on conflict (user_id, key) do update set route = @r, body_hash = @h, created_at = @now, status = null, response = null, content_type = null
              where t.created_at <= @expired or (t.status is null and t.committed_at is null and t.created_at <= @abandoned)
            returning 1
            """);
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("r", route);
        command.Parameters.AddWithValue("h", hash);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("expired", now - KeptFor);
        command.Parameters.AddWithValue("abandoned", now - AbandonedAfter);
        return await command.ExecuteScalarAsync() is not null;
    }

    private async Task AnswerRepeatAsync(NpgsqlDataSource dataSource, HttpContext context, Guid userId, string key, string route, string hash, Instant now)
    {
        await using var command = dataSource.CreateCommand(
            $"select route, body_hash, status, response, content_type, committed_at is not null from {Table} where user_id = @u and key = @k");
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("k", key);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            await Problems.Conflict("Une requête avec cette clé d'idempotence vient d'échouer ; réessayez.").ExecuteAsync(context);
            return;
        }
        if (reader.GetString(0) != route || reader.GetString(1) != hash)
        {
            await Problems.Unprocessable($"Cette clé d'idempotence a déjà servi pour une autre requête ({Header}).").ExecuteAsync(context);
            return;
        }
        if (reader.IsDBNull(2) && reader.GetBoolean(5))
        {
            await Problems.Conflict("La requête avec cette clé d'idempotence a déjà été appliquée, mais sa réponse n'a pas pu être conservée : " +
                                    "rechargez la page pour voir son résultat.").ExecuteAsync(context);
            return;
        }
        if (reader.IsDBNull(2))
        {
            await Problems.Conflict("La première requête avec cette clé d'idempotence est encore en cours.").ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = reader.GetInt32(2);
        if (!reader.IsDBNull(4)) context.Response.ContentType = reader.GetString(4);
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (!reader.IsDBNull(3)) await context.Response.Body.WriteAsync(reader.GetFieldValue<byte[]>(3));
    }

    private async Task RememberAsync(NpgsqlDataSource dataSource, Guid userId, string key, int status, byte[] body, string? contentType)
    {
        await using var command = dataSource.CreateCommand(
            $"update {Table} set status = @s, response = @b, content_type = @c where user_id = @u and key = @k");
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("s", status);
        command.Parameters.AddWithValue("b", body);
        command.Parameters.AddWithValue("c", (object?)contentType ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A request that failed on our side and committed nothing leaves no record, so a retry runs for real.</summary>
    private async Task ForgetAsync(NpgsqlDataSource dataSource, Guid userId, string key)
    {
        await using var command = dataSource.CreateCommand($"delete from {Table} where user_id = @u and key = @k and committed_at is null");
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("k", key);
        await command.ExecuteNonQueryAsync();
    }
}
