using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Accounts;

public class RateLimitTests(AppFixture app) : ApiTest(app)
{
    private async Task<(int Status, string? RetryAfter, string Body)> Send(string method, string url, object? body, IPAddress from, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
            if (method == "POST") s.Post.Json(body ?? new { }).ToUrl(url); else s.Put.Json(body ?? new { }).ToUrl(url);
            if (token is not null) s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, result.Context.Response.Headers.RetryAfter.ToString(), await result.ReadAsTextAsync());
    }

    [Fact]
    public void Per_address_defaults_allow_a_shared_office_and_per_account_ones_stay_strict()
    {
        var defaults = new RateLimitSettings();
        defaults.LoginPerAddress.ShouldBe(100);
        defaults.BookingsPerAccount.ShouldBeLessThanOrEqualTo(60);
        defaults.RequestsPerAccount.ShouldBeLessThanOrEqualTo(10);
    }

    [Fact]
    public async Task The_hundred_and_first_login_from_one_address_within_a_minute_is_429_in_french_with_retry_after()
    {
        var office = AppFixture.RandomAddress();
        // Different people behind the mairie's address: no lockout of any one e-mail, only the address's limit.
        for (var i = 0; i < 100; i++)
            (await Send("POST", "/api/auth/login", new { email = $"parent{i}@famille.test", password = "Pas-le-bon-2026!" }, office)).Status.ShouldBe(401);
        var (status, retryAfter, body) = await Send("POST", "/api/auth/login", new { email = "parent100@famille.test", password = "x" }, office);
        status.ShouldBe(429);
        int.Parse(retryAfter!).ShouldBeInRange(1, 60);
        body.ShouldContain("Trop de requêtes");
        // Another address is not affected.
        (await Send("POST", "/api/auth/login", new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }, AppFixture.RandomAddress())).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Links_resets_and_notifications_are_limited_per_address()
    {
        var limits = new RateLimitSettings();
        foreach (var (url, body, limit) in new (string, object, int)[]
                 {
                     ("/api/auth/activation", new { token = "jeton", password = "Parent-Portail-2026!" }, limits.LinkPerAddress),
                     ("/api/auth/password-reset", new { email = "personne@famille.test" }, limits.PasswordResetPerAddress),
                 })
        {
            var from = AppFixture.RandomAddress();
            for (var i = 0; i < limit; i++) (await Send("POST", url, body, from)).Status.ShouldNotBe(429, url);
            (await Send("POST", url, body, from)).Status.ShouldBe(429, url);
        }
    }

    [Fact]
    public async Task A_parent_s_bookings_are_limited_per_account_whatever_the_address()
    {
        var settings = Host.Services.GetRequiredService<RateLimitSettings>();
        var raised = settings.BookingsPerAccount;
        settings.BookingsPerAccount = new RateLimitSettings().BookingsPerAccount;
        try
        {
            await CreateActivity();
            var child = await EnrolledChild();
            var body = new { changes = new[] { new { date = "2026-10-05", unit = "REPAS", action = "book" } } };
            for (var i = 0; i < settings.BookingsPerAccount; i++)
                (await Send("POST", $"/api/inscriptions/{child.InscriptionId}/reservations", body, AppFixture.RandomAddress(), child.Family.Token)).Status.ShouldBe(200);
            var (status, retryAfter, _) = await Send("POST", $"/api/inscriptions/{child.InscriptionId}/reservations", body, AppFixture.RandomAddress(), child.Family.Token);
            status.ShouldBe(429);
            retryAfter.ShouldNotBeNullOrEmpty();
            // Another family is not held back by it.
            var other = await EnrolledChild("Petit");
            (await Send("POST", $"/api/inscriptions/{other.InscriptionId}/reservations", body, AppFixture.RandomAddress(), other.Family.Token)).Status.ShouldBe(200);
        }
        finally
        {
            settings.BookingsPerAccount = raised;
        }
    }
}
