using Marten;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Accounts;

namespace PortailFamille.Api.Tests.Accounts;

public class StaffAccountManagementTests(AppFixture app) : ApiTest(app)
{
    private async Task<(Guid Id, string Token)> ActivatedAccount(string email, string role, string password)
    {
        var created = await Post("/api/staff/accounts", new { email, role }, await StaffToken(), 201);
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo(email, "Activez")), password }, null, 204);
        return (Id(created, "accountId"), await Login(email, password));
    }

    private async Task<IReadOnlyList<object>> EventsOf(Guid accountId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(AppFixture.TenantId);
        return (await session.Events.FetchStreamAsync(accountId)).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task Staff_list_deactivate_and_reactivate_a_kitchen_account_each_recorded_with_its_author()
    {
        var staff = await StaffToken();
        var (kitchenId, kitchen) = await ActivatedAccount("cuisine@mairie.test", "kitchen", "Cuisine-Mairie-2026!");
        await NewFamily();

        var list = (await Get("/api/staff/accounts", staff))!.AsArray();
        list.Select(a => a!["email"]!.GetValue<string>()).ShouldBe(["cuisine@mairie.test", AppFixture.StaffEmail]);
        list[0]!["role"]!.GetValue<string>().ShouldBe("kitchen");
        list[0]!["deactivated"]!.GetValue<bool>().ShouldBeFalse();

        await Post($"/api/staff/accounts/{kitchenId}/deactivation", null, staff, 204);
        await Get("/api/staff/headcounts?date=2026-10-05", kitchen, 401);
        await Post("/api/auth/login", new { email = "cuisine@mairie.test", password = "Cuisine-Mairie-2026!" }, null, 401);
        await Post($"/api/staff/accounts/{kitchenId}/deactivation", null, staff, 409);
        // A deactivated account gets no reset link either.
        await Post("/api/auth/password-reset", new { email = "cuisine@mairie.test" }, null, 202);

        Advance(NodaTime.Duration.FromMinutes(5));
        await Post($"/api/staff/accounts/{kitchenId}/reactivation", null, staff, 204);
        await Post($"/api/staff/accounts/{kitchenId}/reactivation", null, staff, 409);
        await Get("/api/staff/headcounts?date=2026-10-05", await Login("cuisine@mairie.test", "Cuisine-Mairie-2026!"));
        App.Smtp.Received.ShouldNotContain(m => (m.Subject ?? "").Contains("Réinitialisation"));

        var staffId = Guid.Parse((await Get("/api/me", staff))!["accountId"]!.GetValue<string>());
        var events = await EventsOf(kitchenId);
        var deactivated = events.OfType<AccountDeactivated>().Single();
        deactivated.By.Id.ShouldBe(staffId);
        deactivated.At.ShouldBe(AppFixture.DefaultNow);
        events.OfType<AccountReactivated>().Single().At.ShouldBe(AppFixture.DefaultNow + NodaTime.Duration.FromMinutes(5));
    }

    [Fact]
    public async Task A_role_change_ends_the_sessions_so_the_next_token_carries_the_new_role()
    {
        var staff = await StaffToken();
        var (clerkId, clerk) = await ActivatedAccount("accueil@mairie.test", "staff", "Accueil-Mairie-2026!");
        await Get("/api/staff/families", clerk);
        await Put($"/api/staff/accounts/{clerkId}/role", new { role = "kitchen" }, staff);
        await Get("/api/staff/families", clerk, 401);
        var relogged = await Post("/api/auth/login", new { email = "accueil@mairie.test", password = "Accueil-Mairie-2026!" }, null, 200);
        relogged!["role"]!.GetValue<string>().ShouldBe("kitchen");
        (await EventsOf(clerkId)).OfType<AccountRoleChanged>().Single().ShouldSatisfyAllConditions(
            e => e.From.ShouldBe("staff"), e => e.To.ShouldBe("kitchen"));
        // The same role again changes nothing and records nothing.
        await Put($"/api/staff/accounts/{clerkId}/role", new { role = "kitchen" }, staff);
        (await EventsOf(clerkId)).OfType<AccountRoleChanged>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task The_last_active_staff_account_can_be_neither_deactivated_nor_demoted()
    {
        var staff = await StaffToken();
        var me = Guid.Parse((await Get("/api/me", staff))!["accountId"]!.GetValue<string>());
        // A staff account never activated cannot log in: it does not count.
        await Post("/api/staff/accounts", new { email = "pas-active@mairie.test", role = "staff" }, staff, 201);

        var refused = await Post($"/api/staff/accounts/{me}/deactivation", null, staff, 409);
        refused!["detail"]!.GetValue<string>().ShouldContain("dernier compte du personnel actif");
        await Put($"/api/staff/accounts/{me}/role", new { role = "kitchen" }, staff, 409);
        await Get("/api/me", staff);
        (await EventsOf(me)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_clerks_deactivating_each_other_at_once_leave_one_of_them_active()
    {
        var first = await StaffToken();
        var firstId = Guid.Parse((await Get("/api/me", first))!["accountId"]!.GetValue<string>());
        var (secondId, second) = await ActivatedAccount("accueil@mairie.test", "staff", "Accueil-Mairie-2026!");

        var statuses = await Task.WhenAll(
            Send(first, $"/api/staff/accounts/{secondId}/deactivation"),
            Send(second, $"/api/staff/accounts/{firstId}/deactivation"));
        // Whoever went second was either refused as the last one, or had lost its session already.
        statuses.Count(s => s == 204).ShouldBe(1);
        statuses.Count(s => s is 409 or 401).ShouldBe(1);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(AppFixture.TenantId);
        (await session.Query<Account>().CountAsync(a => a.Role == Roles.Staff && !a.Deactivated)).ShouldBe(1);
    }

    private async Task<int> Send(string token, string url)
    {
        var result = await Host.Scenario(s => { s.Post.Url(url); s.WithBearerToken(token); s.IgnoreStatusCode(); });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task Unknown_and_parent_accounts_are_404_and_a_bad_role_400()
    {
        var staff = await StaffToken();
        var family = await NewFamily();
        Guid parentId;
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(AppFixture.TenantId))
            parentId = (await session.Query<Account>().SingleAsync(a => a.Email == family.Email)).Id;
        var missing = await Post($"/api/staff/accounts/{Guid.NewGuid()}/deactivation", null, staff, 404);
        missing!["detail"]!.GetValue<string>().ShouldBe("Aucun compte du personnel avec cet identifiant.");
        await Post($"/api/staff/accounts/{parentId}/deactivation", null, staff, 404);
        await Post($"/api/staff/accounts/{Guid.Empty}/reactivation", null, staff, 404);
        await Put($"/api/staff/accounts/{parentId}/role", new { role = "kitchen" }, staff, 404);
        var bad = await Put($"/api/staff/accounts/{parentId}/role", new { role = "admin" }, staff, 400);
        bad!["errors"]!["role"].ShouldNotBeNull();
        await Put($"/api/staff/accounts/{parentId}/role", new { role = "parent" }, staff, 400);
        await Get("/api/family", family.Token);
        (await EventsOf(parentId)).ShouldBeEmpty();
    }
}
