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
        await using var session = Host.DocumentStore().QuerySession();
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
            .ShouldAllBe(r => r!["reason"]!.GetValue<string>() == "already-booked");
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
        (await StateOn(child.InscriptionId, child.Family.Token, "2026-10-06")).ShouldBe("free");
    }

    [Fact]
    public async Task A_key_still_running_is_409_and_a_key_is_kept_24_hours()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        // A first request whose answer is not recorded yet looks like this row.
        await Send(child.InscriptionId, child.Family.Token, "en-cours", Changes(("2026-10-05", "book")));
        await using (var command = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
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
        await using var command = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(sql);
        return sql.StartsWith("update") ? await command.ExecuteNonQueryAsync() : (long)(await command.ExecuteScalarAsync())!;
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
        await using var session = Host.DocumentStore().QuerySession();
        (await session.Events.FetchStreamAsync(invoiceId)).Count(e => e.Data is Domain.Money.PaymentReceived).ShouldBe(1);
    }

    [Fact]
    public async Task A_booking_decided_by_the_desk_marks_its_key_in_the_desk_s_own_transaction()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        (await Send(child.InscriptionId, child.Family.Token, "desk-1", Changes(("2026-10-05", "book")))).Status.ShouldBe(200);
        (await Sql("select count(*) from portail.idempotency where key = 'desk-1' and committed_at is not null")).ShouldBe(1);
        (await LoseTheAnswer("desk-1")).ShouldBe(1);
        var retry = await Send(child.InscriptionId, child.Family.Token, "desk-1", Changes(("2026-10-05", "book")));
        retry.Status.ShouldBe(409);
        retry.Body.ShouldContain("déjà été appliquée");
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
