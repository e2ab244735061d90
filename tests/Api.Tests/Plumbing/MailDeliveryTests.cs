using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortailFamille.Api.Tests.Privacy;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

public class MailDeliveryTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task No_activation_or_reset_token_is_kept_in_clear_in_any_table_message_bodies_included()
    {
        var staff = await StaffToken();
        await Post("/api/staff/families", FamilyBody("Jeton"), staff, 201);
        var activation = TokenIn(await MailTo("jeton@famille.test", "Activez"));
        await Post("/api/auth/password-reset", new { email = AppFixture.StaffEmail }, null, 202);
        var reset = TokenIn(await MailTo(AppFixture.StaffEmail, "Réinitialisation"));

        var dataSource = Host.Services.CommuneDataSource();
        (await PersonalDataScan.WhereAsync(dataSource, [activation, reset])).ShouldBeEmpty();
        await Post("/api/auth/activation", new { token = activation, password = ParentPassword }, null, 204);
        await Post("/api/auth/password-reset/confirm", new { token = reset, newPassword = "Nouveau-Gestion-2026!" }, null, 204);

        // A link waiting in the durable queue (SMTP down): the scan reads its body and finds the address, and only that.
        await App.Smtp.StopAsync();
        try
        {
            await Post("/api/auth/password-reset", new { email = "jeton@famille.test" }, null, 202);
            await Waiting.Until(async () => await FailedAttempts() > 0, "a link waiting for SMTP");
            (await PersonalDataScan.WhereAsync(dataSource, ["jeton@famille.test"])).ShouldContain("wolverine_incoming_envelopes.body.to");
            (await PersonalDataScan.WhereAsync(dataSource, ["token="])).ShouldBeEmpty();
        }
        finally
        {
            App.Smtp.Start();
        }
        await MailTo("jeton@famille.test", "Réinitialisation");
    }

    [Fact]
    public async Task A_mail_sent_while_the_smtp_server_is_down_arrives_once_when_it_is_back()
    {
        var deadLettersBefore = await DeadLetters(); // other tests in the shared store may have left some
        await App.Smtp.StopAsync();
        try
        {
            await Post("/api/auth/password-reset", new { email = AppFixture.StaffEmail }, null, 202);
            await Waiting.Until(async () => await FailedAttempts() > 0, "a failed attempt to send while SMTP is down");
        }
        finally
        {
            App.Smtp.Start();
        }
        var mail = await MailTo(AppFixture.StaffEmail, "Réinitialisation");
        await Waiting.Until(async () => await Unhandled() == 0, "every message handled");
        App.Smtp.Received.Count(m => m.Subject == mail.Subject).ShouldBe(1);
        // The link it carries is the one that works.
        await Post("/api/auth/password-reset/confirm", new { token = TokenIn(mail), newPassword = "Nouveau-Gestion-2026!" }, null, 204);
        (await DeadLetters()).ShouldBe(deadLettersBefore);
    }

    [Fact]
    public async Task A_mail_refused_for_good_is_kept_as_a_dead_letter_and_counted_in_health()
    {
        var before = await DeadLetters();
        var staff = await StaffToken();
        await Post("/api/staff/families", FamilyBody("Inexistante", SmtpSink.RefusedAddress), staff, 201);

        // At once: a permanent refusal is not tried again for eight hours first.
        await Waiting.Until(async () => await DeadLetters() == before + 1, "the refused activation mail in the dead letters");
        (await Scalar("select count(*) from portail.wolverine_dead_letters where message_type like '%AccountLinkMail%' and exception_type like '%SmtpCommandException'"))
            .ShouldBeGreaterThanOrEqualTo(1L);
        App.Smtp.Received.ShouldNotContain(m => m.To.Mailboxes.Any(b => b.Address == SmtpSink.RefusedAddress));
    }

    private async Task<long> DeadLetters() => (await Get("/health", null))!["messages"]!["deadLetters"]!.GetValue<long>();

    private async Task<long> Scalar(string sql)
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> FailedAttempts() =>
        Scalar("select count(*) from portail.wolverine_incoming_envelopes where attempts > 0 and status <> 'Handled'");

    /// <summary>Messages waiting to run or to be tried again (a payment's reconciliation scheduled from another test is neither).</summary>
    private Task<long> Unhandled() =>
        Scalar("select count(*) from portail.wolverine_incoming_envelopes where status not in ('Handled', 'Scheduled') or (status = 'Scheduled' and attempts > 0)");
}
