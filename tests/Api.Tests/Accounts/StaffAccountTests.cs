using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Accounts;

public class StaffAccountTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Staff_creates_a_kitchen_account_that_activates_from_its_link()
    {
        var created = await Post("/api/staff/accounts", new { email = "cuisine@mairie.test", role = "kitchen" }, await StaffToken(), 201);
        Id(created, "accountId");
        var token = TokenIn(await MailTo("cuisine@mairie.test", "Activez"));
        await Post("/api/auth/activation", new { token, password = "Cuisine-Mairie-2026!" }, null, 204);
        var login = await Post("/api/auth/login", new { email = "cuisine@mairie.test", password = "Cuisine-Mairie-2026!" }, null, 200);
        login!["role"]!.GetValue<string>().ShouldBe("kitchen");
        var kitchen = login["accessToken"]!.GetValue<string>();
        await Get("/api/activities", kitchen);
        await Get("/api/calendar?from=2026-09-01&to=2026-09-30", kitchen);
        await Get("/api/staff/families", kitchen, 403);
        await Get("/api/family", kitchen, 403);
    }

    [Fact]
    public async Task An_address_belongs_to_one_account_only()
    {
        await Post("/api/staff/accounts", new { email = AppFixture.StaffEmail.ToUpperInvariant(), role = "staff" }, await StaffToken(), 409);
        var family = await NewFamily();
        await Post("/api/staff/accounts", new { email = family.Email, role = "kitchen" }, await StaffToken(), 409);
    }

    [Fact]
    public async Task Bad_input_wrong_role_and_anonymous_are_refused()
    {
        var staff = await StaffToken();
        await Post("/api/staff/accounts", new { email = "pas-une-adresse", role = "staff" }, staff, 400);
        await Post("/api/staff/accounts", new { email = "a@mairie.test", role = "parent" }, staff, 400);
        await Post("/api/staff/accounts", new { email = "a@mairie.test", role = "admin" }, staff, 400);
        await Post("/api/staff/accounts", new { email = "a@mairie.test" }, staff, 400);
        var family = await NewFamily();
        await Post("/api/staff/accounts", new { email = "a@mairie.test", role = "staff" }, family.Token, 403);
        await Post("/api/staff/accounts", new { email = "a@mairie.test", role = "staff" }, null, 401);
        App.Smtp.Received.ShouldNotContain(m => m.To.Mailboxes.Any(b => b.Address == "a@mairie.test"));
    }
}
