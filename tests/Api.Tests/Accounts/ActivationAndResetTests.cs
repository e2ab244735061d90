using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Accounts;

public class ActivationAndResetTests(AppFixture app) : ApiTest(app)
{
    private async Task<string> CreateFamilyAndReadActivationToken(string lastName = "Durand")
    {
        await Post("/api/staff/families", FamilyBody(lastName), await StaffToken(), 201);
        var mail = await MailTo($"{lastName.ToLowerInvariant()}@famille.test", "Activez");
        mail.TextBody!.ShouldContain("https://portail.test/activation?token=");
        return TokenIn(mail);
    }

    [Fact]
    public async Task A_parent_activates_from_the_emailed_link_then_logs_in()
    {
        var token = await CreateFamilyAndReadActivationToken();
        await Post("/api/auth/login", new { email = "durand@famille.test", password = ParentPassword }, null, 401); // not active yet
        await Post("/api/auth/activation", new { token, password = ParentPassword }, null, 204);
        var login = await Post("/api/auth/login", new { email = "durand@famille.test", password = ParentPassword }, null, 200);
        login!["role"]!.GetValue<string>().ShouldBe("parent");
        login["familyId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_activation_link_works_once()
    {
        var token = await CreateFamilyAndReadActivationToken();
        await Post("/api/auth/activation", new { token, password = ParentPassword }, null, 204);
        var reused = await Post("/api/auth/activation", new { token, password = "Autre-Portail-2026!" }, null, 400);
        reused!["detail"]!.GetValue<string>().ShouldContain("invalide, expiré ou déjà utilisé");
        await Login("durand@famille.test", ParentPassword);
    }

    [Fact]
    public async Task An_activation_link_expires_after_seven_days()
    {
        var token = await CreateFamilyAndReadActivationToken();
        Advance(Duration.FromDays(7));
        await Post("/api/auth/activation", new { token, password = ParentPassword }, null, 400);
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_the_link_still_works()
    {
        var token = await CreateFamilyAndReadActivationToken();
        var weak = await Post("/api/auth/activation", new { token, password = "motdepasse" }, null, 400);
        weak!["errors"]!["password"]![0]!.GetValue<string>().ShouldContain("12 caractères");
        await Post("/api/auth/activation", new { token, password = ParentPassword }, null, 204);
    }

    [Fact]
    public async Task A_garbage_token_is_refused()
    {
        await Post("/api/auth/activation", new { token = "nimportequoi", password = ParentPassword }, null, 400);
        await Post("/api/auth/activation", new { token = new string('a', 5000), password = ParentPassword }, null, 400);
    }

    [Fact]
    public async Task Staff_sends_a_new_activation_link_and_the_old_one_stops_working()
    {
        var first = await CreateFamilyAndReadActivationToken();
        var familyId = (await Get("/api/staff/families?q=durand", await StaffToken()))![0]!["familyId"]!.GetValue<string>();
        App.Smtp.Clear();
        await Post($"/api/staff/families/{familyId}/activation", null, await StaffToken(), 202);
        var second = TokenIn(await MailTo("durand@famille.test", "Activez"));
        second.ShouldNotBe(first);
        await Post("/api/auth/activation", new { token = first, password = ParentPassword }, null, 400);
        await Post("/api/auth/activation", new { token = second, password = ParentPassword }, null, 204);
        await Post($"/api/staff/families/{familyId}/activation", null, await StaffToken(), 409); // already active
        await Post($"/api/staff/families/{Guid.NewGuid()}/activation", null, await StaffToken(), 404);
    }

    [Fact]
    public async Task A_password_reset_is_emailed_as_a_single_use_link_never_as_a_password()
    {
        var family = await NewFamily();
        await Post("/api/auth/password-reset", new { email = family.Email }, null, 202);
        var mail = await MailTo(family.Email, "Réinitialisation");
        mail.TextBody!.ShouldContain("https://portail.test/reinitialisation?token=");
        mail.TextBody!.ShouldNotContain(ParentPassword);
        var token = TokenIn(mail);

        await Post("/api/auth/password-reset/confirm", new { token, newPassword = "faible" }, null, 400);
        await Post("/api/auth/password-reset/confirm", new { token, newPassword = "Nouveau-Secret-2026!" }, null, 204);
        await Post("/api/auth/password-reset/confirm", new { token, newPassword = "Encore-Autre-2026!" }, null, 400);
        await Post("/api/auth/login", new { email = family.Email, password = ParentPassword }, null, 401);
        await Login(family.Email, "Nouveau-Secret-2026!");
    }

    [Fact]
    public async Task A_reset_link_expires_after_an_hour()
    {
        var family = await NewFamily();
        await Post("/api/auth/password-reset", new { email = family.Email }, null, 202);
        var token = TokenIn(await MailTo(family.Email, "Réinitialisation"));
        Advance(Duration.FromHours(1));
        await Post("/api/auth/password-reset/confirm", new { token, newPassword = "Nouveau-Secret-2026!" }, null, 400);
    }

    [Fact]
    public async Task A_reset_for_an_unknown_address_is_accepted_and_sends_nothing()
    {
        await Post("/api/auth/password-reset", new { email = "inconnu@nulle.part" }, null, 202);
        // The known address's mail proves the outbox ran; none went to the unknown one.
        await Post("/api/auth/password-reset", new { email = AppFixture.StaffEmail }, null, 202);
        await MailTo(AppFixture.StaffEmail, "Réinitialisation");
        App.Smtp.Received.ShouldNotContain(m => m.To.Mailboxes.Any(b => b.Address == "inconnu@nulle.part"));
    }

    [Fact]
    public async Task Activation_and_reset_mails_are_also_written_to_the_pickup_folder_and_their_links_work()
    {
        await Post("/api/staff/families", FamilyBody("Durand"), await StaffToken(), 201);
        await MailTo("durand@famille.test", "Activez");
        var activation = await PickedUp("durand@famille.test", "Activez votre compte");
        await Post("/api/auth/activation", new { token = TokenIn(activation), password = ParentPassword }, null, 204);

        await Post("/api/auth/password-reset", new { email = "durand@famille.test" }, null, 202);
        await MailTo("durand@famille.test", "Réinitialisation");
        var reset = await PickedUp("durand@famille.test", "Réinitialisation de votre mot de passe");
        await Post("/api/auth/password-reset/confirm", new { token = TokenIn(reset), newPassword = "Nouveau-Secret-2026!" }, null, 204);
        await Login("durand@famille.test", "Nouveau-Secret-2026!");
        Directory.GetFiles(App.PickupDirectory, "*.eml").Length.ShouldBe(2);
    }

    private async Task<MimeKit.MimeMessage> PickedUp(string to, string subject)
    {
        foreach (var file in Directory.GetFiles(App.PickupDirectory, "*.eml"))
        {
            var message = await MimeKit.MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == to) && message.Subject!.Contains(subject)) return message;
        }
        throw new InvalidOperationException($"No .eml file to {to} about « {subject} ».");
    }

    [Fact]
    public async Task A_user_changes_their_own_password()
    {
        var family = await NewFamily();
        await Put("/api/me/password", new { currentPassword = "Pas-le-bon-2026!", newPassword = "Nouveau-Secret-2026!" }, family.Token, 400);
        await Put("/api/me/password", new { currentPassword = ParentPassword, newPassword = "court" }, family.Token, 400);
        await Put("/api/me/password", new { currentPassword = ParentPassword, newPassword = "Nouveau-Secret-2026!" }, family.Token, 204);
        await Login(family.Email, "Nouveau-Secret-2026!");
        await Put("/api/me/password", new { currentPassword = ParentPassword, newPassword = "Nouveau-Secret-2026!" }, null, 401);
    }
}
