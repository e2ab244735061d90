using PortailFamille.Domain.Bookings;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

public class IdempotencyTests(AppFixture app) : ApiTest(app)
{
    private async Task<(int Status, string Body, bool Replayed)> Send(Guid inscriptionId, string token, string key, object body)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/api/inscriptions/{inscriptionId}/reservations");
            s.WithBearerToken(token);
            s.WithRequestHeader("Idempotency-Key", key);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(),
            result.Context.Response.Headers.ContainsKey("Idempotent-Replayed"));
    }

    private async Task<int> EventCount(Guid streamId)
    {
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        return (await session.Events.FetchStreamAsync(streamId)).Count;
    }

    [Fact]
    public async Task The_same_key_and_body_return_the_first_answer_and_change_nothing()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var child = await EnrolledChild();
        var body = Changes(("2026-10-05", "book"), ("2026-10-06", "book"));
        var first = await Send(child.InscriptionId, child.Family.Token, "cle-1", body);
        first.Status.ShouldBe(200);
        var events = await EventCount(child.InscriptionId);

        var again = await Send(child.InscriptionId, child.Family.Token, "cle-1", body);
        again.ShouldBe((200, first.Body, true));
        (await EventCount(child.InscriptionId)).ShouldBe(events);
        // Without the key, the same body is a new request: both days are already booked.
        (await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book")))
            .ShouldAllBe(r => r.Reason == RefusalReason.AlreadyBooked);
    }

    [Fact]
    public async Task A_refusal_is_replayed_too()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var first = await Send(child.InscriptionId, child.Family.Token, "cle-400", new { changes = Array.Empty<object>() });
        first.Status.ShouldBe(400);
        var again = await Send(child.InscriptionId, child.Family.Token, "cle-400", new { changes = Array.Empty<object>() });
        again.ShouldBe((400, first.Body, true));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_another_user_has_its_own_keys()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        var other = await EnrolledChild("Petit");
        await Send(child.InscriptionId, child.Family.Token, "cle", Changes(("2026-10-05", "book")));
        (await Send(child.InscriptionId, child.Family.Token, "cle", Changes(("2026-10-06", "book")))).Status.ShouldBe(422);
        (await Send(other.InscriptionId, other.Family.Token, "cle", Changes(("2026-10-06", "book")))).Status.ShouldBe(200);
        (await StateOn(child.InscriptionId, child.Family.Token, "2026-10-06")).ShouldBe(CellState.Free);
    }

    [Fact]
    public async Task A_key_still_running_is_409_and_a_key_is_kept_24_hours()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        // A first request whose answer is not recorded yet looks like this row.
        await Send(child.InscriptionId, child.Family.Token, "en-cours", Changes(("2026-10-05", "book")));
        await using (var command = Host.Services.CommuneDataSource().CreateCommand(
            "update portail.idempotency set status = null, response = null where key = 'en-cours'"))
            await command.ExecuteNonQueryAsync();
        (await Send(child.InscriptionId, child.Family.Token, "en-cours", Changes(("2026-10-05", "book")))).Status.ShouldBe(409);

        await Send(child.InscriptionId, child.Family.Token, "cle", Changes(("2026-10-05", "book")));
        Advance(Duration.FromHours(24));
        var token = await Login(child.Family.Email, ParentPassword);
        var afterADay = await Send(child.InscriptionId, token, "cle", Changes(("2026-10-06", "book")));
        afterADay.Status.ShouldBe(200);
        afterADay.Replayed.ShouldBeFalse();
    }

    [Fact]
    public async Task A_key_longer_than_100_characters_is_400() =>
        (await Send((await EnrolledChildWithCanteen()).InscriptionId, (await NewFamily("Autre")).Token, new string('k', 101), Changes(("2026-10-05", "book")))).Status.ShouldBe(400);

    private async Task<Enrolled> EnrolledChildWithCanteen()
    {
        await CreateActivity();
        return await EnrolledChild();
    }

    private async Task<long> Sql(string sql)
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(sql);
        return sql.StartsWith("update") ? await command.ExecuteNonQueryAsync() : (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task Execute(string sql)
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>What a process killed between the commit and the storing of the answer leaves: a key without its answer,
    /// old enough to be taken for abandoned.</summary>
    private Task<long> LoseTheAnswer(string key) => Sql(
        $"update portail.idempotency set status = null, response = null, content_type = null, created_at = created_at - interval '1 hour' where key = '{key}'");

    [Fact]
    public async Task A_counter_payment_whose_answer_was_lost_is_never_recorded_twice()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var invoiceId = await SeedInvoice(child, 1000);
        SetNow(Instant.FromUtc(2026, 9, 21, 8, 0)); // after the invoice was issued (17 September)
        var staff = await StaffToken();
        async Task<int> Pay(string key)
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(new { amountCents = 400, method = "cheque" }).ToUrl($"/api/staff/invoices/{invoiceId}/payments");
                s.WithBearerToken(staff);
                s.WithRequestHeader("Idempotency-Key", key);
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }
        (await Pay("guichet-1")).ShouldBe(201);
        (await Sql("select count(*) from portail.idempotency where key = 'guichet-1' and committed_at is not null")).ShouldBe(1);

        (await LoseTheAnswer("guichet-1")).ShouldBe(1);
        (await Pay("guichet-1")).ShouldBe(409);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(invoiceId)).Count(e => e.Data is Domain.Money.PaymentReceived).ShouldBe(1);
    }

    /// <summary>
    /// The process dies after the effect committed and before the answer was stored: here, storing the answer after the
    /// commit fails (the client gets a 500, as it would get nothing from a dead process). Keys starting with "perdue-".
    /// </summary>
    private async Task WhileAnswersAreLostAfterTheCommit(Func<Task> act)
    {
        await Execute("""
            create or replace function portail.test_answer_lost() returns trigger language plpgsql as $$
            begin
              if old.committed_at is not null and new.key like 'perdue-%' then raise exception 'process died before storing the answer'; end if;
              return new;
            end $$;
            drop trigger if exists test_answer_lost on portail.idempotency;
            create trigger test_answer_lost before update on portail.idempotency for each row execute function portail.test_answer_lost();
            """);
        try { await act(); }
        finally { await Execute("drop trigger if exists test_answer_lost on portail.idempotency; drop function if exists portail.test_answer_lost()"); }
    }

    [Fact]
    public async Task A_booking_decided_by_the_desk_whose_answer_was_lost_replays_the_answer_its_commit_stored()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var changes = Changes(("2026-10-05", "book"), ("2026-10-06", "book"));
        // What the first answer said: the same request for another child in the same situation (the results name no one).
        var witness = await EnrolledChild("Martin");
        var expected = (await Send(witness.InscriptionId, witness.Family.Token, "temoin", changes)).Body;
        var events = await EventCount(child.InscriptionId);

        await WhileAnswersAreLostAfterTheCommit(async () =>
        {
            (await Send(child.InscriptionId, child.Family.Token, "perdue-1", changes)).Status.ShouldBe(500);
            var committed = await EventCount(child.InscriptionId);
            committed.ShouldBeGreaterThan(events); // the effect did commit
            var retry = await Send(child.InscriptionId, child.Family.Token, "perdue-1", changes);
            retry.ShouldBe((200, expected, true));
            (await EventCount(child.InscriptionId)).ShouldBe(committed);
        });
    }

    [Fact]
    public async Task A_client_that_hangs_up_leaves_its_key_held_while_the_desk_commits_the_work_with_its_answer()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var witness = await EnrolledChild("Martin");
        var changes = Changes(("2026-10-05", "book"));
        var expected = (await Send(witness.InscriptionId, witness.Family.Token, "temoin", changes)).Body;

        // The desk's batch waits on the seats (held here), so the client hangs up while its work is under way.
        var dataSource = Host.Services.CommuneDataSource();
        await using var holder = await dataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockSeats = new Npgsql.NpgsqlCommand("lock table portail.seats in exclusive mode", holder, hold)) await lockSeats.ExecuteNonQueryAsync();
        using var hangUp = new CancellationTokenSource();
        var first = Host.Scenario(s =>
        {
            s.Post.Json(changes).ToUrl($"/api/inscriptions/{child.InscriptionId}/reservations");
            s.WithBearerToken(child.Family.Token);
            s.WithRequestHeader("Idempotency-Key", "raccroche-1");
            s.ConfigureHttpContext(c => c.RequestAborted = hangUp.Token);
            s.IgnoreStatusCode();
        });
        await Waiting.Until(async () => await Sql(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update of s%' and pid <> pg_backend_pid()") > 0,
            "the desk waiting for the seats");
        await hangUp.CancelAsync();
        try { await first; } catch (OperationCanceledException) { } // the client is gone: whatever it was answered, nobody reads it

        // Held, not forgotten: a retry is told the first is still running.
        (await Send(child.InscriptionId, child.Family.Token, "raccroche-1", changes)).Status.ShouldBe(409);
        await hold.RollbackAsync();
        await Waiting.Until(async () => await Sql("select count(*) from portail.idempotency where key = 'raccroche-1' and committed_at is not null") == 1,
            "the work committed after the client left");
        (await Send(child.InscriptionId, child.Family.Token, "raccroche-1", changes)).ShouldBe((200, expected, true));
    }

    [Fact]
    public async Task A_counter_payment_whose_answer_was_lost_replays_the_answer_its_commit_stored()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var invoiceId = await SeedInvoice(child, 1000);
        SetNow(Instant.FromUtc(2026, 9, 21, 8, 0));
        var staff = await StaffToken();
        async Task<(int Status, string Body, bool Replayed)> Pay()
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(new { amountCents = 400, method = "cheque" }).ToUrl($"/api/staff/invoices/{invoiceId}/payments");
                s.WithBearerToken(staff);
                s.WithRequestHeader("Idempotency-Key", "perdue-guichet");
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(), result.Context.Response.Headers.ContainsKey("Idempotent-Replayed"));
        }

        await WhileAnswersAreLostAfterTheCommit(async () =>
        {
            (await Pay()).Status.ShouldBe(500);
            var retry = await Pay();
            retry.Status.ShouldBe(201);
            retry.Replayed.ShouldBeTrue();
            retry.Body.ShouldContain("\"paymentId\"");
        });
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(invoiceId)).Count(e => e.Data is Domain.Money.PaymentReceived).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_that_committed_nothing_runs_again_once_abandoned()
    {
        var staff = await StaffToken();
        async Task<(int Status, bool Replayed)> Create()
        {
            var result = await Host.Scenario(s =>
            {
                // An address already used: refused (409), nothing committed.
                s.Post.Json(new { email = AppFixture.StaffEmail, role = "kitchen" }).ToUrl("/api/staff/accounts");
                s.WithBearerToken(staff);
                s.WithRequestHeader("Idempotency-Key", "rien-1");
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, result.Context.Response.Headers.ContainsKey("Idempotent-Replayed"));
        }
        (await Create()).Status.ShouldBe(409);
        (await Sql("select count(*) from portail.idempotency where key = 'rien-1' and committed_at is null and status = 409")).ShouldBe(1);
        (await LoseTheAnswer("rien-1")).ShouldBe(1);
        (await Create()).ShouldBe((409, false)); // run again for real, not replayed
    }
}
