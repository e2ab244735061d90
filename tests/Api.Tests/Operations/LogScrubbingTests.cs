using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Tests.Money;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Operations;

/// <summary>Logs carry no personal data: no e-mail address, phone number, token, password or diet, whoever logs.</summary>
public class LogScrubbingTests(AppFixture app) : MoneyTest(app)
{
    [Theory]
    [InlineData("Mailbox unavailable: claire.durand@famille.test", "Mailbox unavailable: [e-mail]")]
    [InlineData("rappeler le 06 12 34 56 78 ou le +33 4 67 98 13 68", "rappeler le [téléphone] ou le [téléphone]")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl fin", "Bearer [jeton] fin")]
    [InlineData("GET /activation?token=Zm9vYmFyYmF6cXV4 200", "GET /activation?token=[masqué] 200")]
    [InlineData("password: Parent-Portail-2026!", "password: [masqué]")]
    [InlineData("payment 3fa85f64-5717-4562-b3fc-2c963f66afa6 for 1250 cents on 2026-10-05", "payment 3fa85f64-5717-4562-b3fc-2c963f66afa6 for 1250 cents on 2026-10-05")]
    public void The_scrubber_masks_contacts_and_secrets_and_leaves_ids_amounts_and_dates(string line, string logged) =>
        PortalLog.Scrub(line).ShouldBe(logged);

    [Fact]
    public async Task The_main_scenarios_log_no_email_phone_token_or_password()
    {
        // Activation, login, a reset, bookings, a request, invoicing, an online payment and its notification.
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        var activation = TokenIn(await MailTo(child.Family.Email, "Activez"));
        await Post("/api/auth/password-reset", new { email = child.Family.Email }, null, 202);
        var reset = TokenIn(await MailTo(child.Family.Email, "Réinitialisation"));
        await Post("/api/auth/login", new { email = child.Family.Email, password = "Mauvais-2026!" }, null, 401);
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Post("/api/requests", new { type = "family-change", changes = new Dictionary<string, string> { ["address.city"] = "Pézenas" } }, child.Family.Token, 201);
        await Get("/api/staff/families?q=durand", await StaffToken());
        // Health data: a diet asked by the parent, set by staff, and the day's PAI list read.
        await Post("/api/requests", new { type = "child-change", childId = child.ChildId,
            changes = new Dictionary<string, string> { ["diet"] = "vegetarien", ["pai"] = "panier-repas" } }, child.Family.Token, 201);
        await Put($"/api/staff/families/{child.Family.FamilyId}/children/{child.ChildId}/diet", new { diet = "sans-porc", pai = "repas-adapte" }, await StaffToken());
        await Get("/api/staff/pai?date=2026-10-05", await StaffToken());
        SetNow(AfterOctober);
        var invoice = (await Invoice("2026-10", await StaffToken()))[0]!;
        var token = await Login(child.Family.Email, ParentPassword);
        var payment = (await Post("/api/payments", new { items = new[] { new { invoiceId = Id(invoice, "invoiceId"), amountCents = Cents(invoice, "amountCents") } } },
            token, 201))!;
        var idOp = System.Web.HttpUtility.ParseQueryString(new Uri(payment["redirectUrl"]!.GetValue<string>()).Query)["idop"]!;
        await Host.Scenario(s => { s.Post.Url($"/payfip-simulator/tpa/paiementws.web?idop={idOp}&result=P"); s.StatusCodeShouldBe(302); });
        // What a library might write: an SMTP refusal quoting the address, a phone in a message, a bearer header.
        Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Library").LogWarning(
            "Delivery to {Recipient} failed; call {Phone}; header {Header}", child.Family.Email, "06 12 34 56 78", $"Bearer {token}");
        // What the outbox's e-mails and the payment's confirmation log is written by now.
        await MailTo(child.Family.Email, "votre facture");
        var paymentId = Id(payment, "paymentId");
        await Waiting.Until(async () => (await Get($"/api/payments/{paymentId}", token))!["status"]!.GetValue<string>() == "paid",
            "the payment is confirmed");

        var lines = App.Logs.Lines.ToList();
        lines.ShouldContain(l => l.Contains("\"level\":\"Information\"")); // production levels: this is what would be written
        lines.ShouldContain(l => l.Contains("Delivery to [e-mail] failed; call [téléphone]; header Bearer [jeton]"));
        foreach (var secret in new[] { child.Family.Email, "@famille.test", "06 12 34 56 78", "eyJ", activation, reset, token, ParentPassword, AppFixture.StaffPassword,
                     "vegetarien", "panier-repas", "sans-porc", "repas-adapte" })
            lines.Where(l => l.Contains(secret)).ShouldBeEmpty($"a log line shows {secret[..Math.Min(12, secret.Length)]}…");
    }
}
