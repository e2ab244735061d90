using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Accounts;

public class LoginTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Staff_logs_in_and_gets_a_token_with_its_role()
    {
        var body = await Post("/api/auth/login", new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }, null, 200);
        body!["role"]!.GetValue<string>().ShouldBe("staff");
        body["familyId"].ShouldBeNull();
        body["expiresAt"]!.GetValue<string>().ShouldBe("2026-09-14T10:00:00Z"); // two hours on the application clock
        var me = await Get("/api/me", body["accessToken"]!.GetValue<string>());
        me!["email"]!.GetValue<string>().ShouldBe(AppFixture.StaffEmail);
        me["today"]!.GetValue<string>().ShouldBe("2026-09-14"); // the commune's date on the application clock, for front ends
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        var wrong = await Post("/api/auth/login", new { email = AppFixture.StaffEmail, password = "Pas-le-bon-2026!" }, null, 401);
        var unknown = await Post("/api/auth/login", new { email = "personne@nulle.part", password = "Pas-le-bon-2026!" }, null, 401);
        wrong!["detail"]!.GetValue<string>().ShouldBe(unknown!["detail"]!.GetValue<string>());
        wrong["detail"]!.GetValue<string>().ShouldBe("Adresse e-mail ou mot de passe incorrect.");
    }

    [Fact]
    public async Task Ten_failures_lock_the_address_even_with_the_right_password_until_the_window_passes()
    {
        for (var i = 0; i < 10; i++)
            await Post("/api/auth/login", new { email = AppFixture.StaffEmail, password = $"Mauvais-{i}-2026!" }, null, 401);

        var locked = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(429);
        });
        int.Parse(locked.Context.Response.Headers.RetryAfter.ToString()).ShouldBe(15 * 60);

        Advance(Duration.FromMinutes(15));
        await Login(AppFixture.StaffEmail, AppFixture.StaffPassword);
    }

    [Fact]
    public async Task Sixty_wrong_passwords_at_once_get_at_most_ten_checks()
    {
        var checks = Host.Services.GetRequiredService<PasswordChecks>();
        var before = checks.Checks;
        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(new { email = AppFixture.StaffEmail, password = $"Mauvais-{i}-2026!" }).ToUrl("/api/auth/login");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));
        (checks.Checks - before).ShouldBeLessThanOrEqualTo(10);
        statuses.Count(s => s == 401).ShouldBe(10);
        statuses.Count(s => s == 429).ShouldBe(50);
    }

    [Fact]
    public async Task Unknown_inactive_and_active_addresses_cost_the_same_one_password_check()
    {
        var checks = Host.Services.GetRequiredService<PasswordChecks>();
        // A family file whose account was never activated.
        await Post("/api/staff/families", FamilyBody("Inactive"), await StaffToken(), 201);
        foreach (var email in new[] { AppFixture.StaffEmail, "personne@nulle.part", "inactive@famille.test" })
        {
            var before = checks.Checks;
            await Post("/api/auth/login", new { email, password = "Pas-le-bon-2026!" }, null, 401);
            (checks.Checks - before).ShouldBe(1, email);
        }
    }

    [Fact]
    public async Task An_unknown_address_is_locked_the_same_way()
    {
        for (var i = 0; i < 10; i++)
            await Post("/api/auth/login", new { email = "inconnu@nulle.part", password = "x" }, null, 401);
        await Post("/api/auth/login", new { email = "inconnu@nulle.part", password = "x" }, null, 429);
        await Post("/api/auth/login", new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }, null, 200);
    }

    [Fact]
    public async Task A_token_expires_on_the_application_clock()
    {
        var token = await StaffToken();
        await Get("/api/me", token);
        Advance(Duration.FromHours(2));
        await Get("/api/me", token, 401);
    }

    [Fact]
    public async Task A_forged_or_missing_token_is_401()
    {
        await Get("/api/me", null, 401);
        await Get("/api/me", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", 401);
    }

    [Fact]
    public async Task Malformed_login_bodies_are_400_in_french()
    {
        var missing = await Post("/api/auth/login", new { email = "a@b.fr" }, null, 400);
        missing!["detail"]!.GetValue<string>().ShouldContain("champ obligatoire absent");
        var extra = await Post("/api/auth/login", new { email = "a@b.fr", password = "x", remember = true }, null, 400);
        extra!["errors"]!["remember"].ShouldNotBeNull();
        await Raw("POST", "/api/auth/login", "{\"email\":", "application/json", null, 400);
        await Post("/api/auth/login", new { email = 12, password = "x" }, null, 400);
    }
}
