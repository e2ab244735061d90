using PortailFamille.Api.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Accounts;

namespace PortailFamille.Api.Tests.Accounts;

/// <summary>Sessions end when they should: every token issued before the change is refused (401) from then on.</summary>
public class SessionTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task A_corrected_email_cuts_off_the_old_address_its_links_and_sessions()
    {
        var staff = await StaffToken();
        var family = await NewFamily("Erreur");
        // A reset link sent to the old address before the correction, and a session open there.
        await Post("/api/auth/password-reset", new { email = family.Email }, null, 202);
        var resetLink = TokenIn(await MailTo(family.Email, "Réinitialisation"));

        await Put($"/api/staff/families/{family.FamilyId}/email", new { email = "bonne.adresse@famille.test" }, staff);

        await Get("/api/family", family.Token, 401);
        await Post("/api/auth/password-reset/confirm", new { token = resetLink, newPassword = "Inconnu-Voleur-2026!" }, null, 400);
        // Neither the old password nor the old address opens the account: it must be activated again from the new address.
        await Post("/api/auth/login", new { email = "bonne.adresse@famille.test", password = ParentPassword }, null, 401);
        await Post("/api/auth/login", new { email = family.Email, password = ParentPassword }, null, 401);
        var notice = await MailTo(family.Email, "Adresse e-mail modifiée");
        var text = notice.TextBody ?? "";
        text.ShouldContain("ancienne adresse");
        text.ShouldNotContain("Erreur");
        text.ShouldNotContain("bonne.adresse");
        text.ShouldNotContain("token=");

        var activation = TokenIn(await MailTo("bonne.adresse@famille.test", "Activez"));
        await Post("/api/auth/activation", new { token = activation, password = "Nouvelle-Adresse-2026!" }, null, 204);
        var token = await Login("bonne.adresse@famille.test", "Nouvelle-Adresse-2026!");
        await Get("/api/family", token);
    }

    [Fact]
    public async Task A_stranger_holding_the_first_activation_link_cannot_use_it_after_the_correction()
    {
        var staff = await StaffToken();
        var created = await Post("/api/staff/families", FamilyBody("Faute", "faute@inconnu.test"), staff, 201);
        var strangersLink = TokenIn(await MailTo("faute@inconnu.test", "Activez"));
        await Put($"/api/staff/families/{Id(created, "familyId")}/email", new { email = "faute@famille.test" }, staff);

        await Post("/api/auth/activation", new { token = strangersLink, password = "Inconnu-Voleur-2026!" }, null, 400);
        await Post("/api/auth/login", new { email = "faute@famille.test", password = "Inconnu-Voleur-2026!" }, null, 401);
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo("faute@famille.test", "Activez")), password = ParentPassword }, null, 204);
        await Login("faute@famille.test", ParentPassword);
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server_for_every_token_issued_before()
    {
        var family = await NewFamily();
        var other = await Login(family.Email, ParentPassword);
        await Post("/api/auth/logout", null, family.Token, 204);
        await Get("/api/family", family.Token, 401);
        await Get("/api/family", other, 401);
        await Post("/api/auth/logout", null, family.Token, 401);
        await Get("/api/family", await Login(family.Email, ParentPassword));
    }

    [Fact]
    public async Task A_password_change_or_reset_refuses_older_tokens()
    {
        var family = await NewFamily();
        await Put("/api/me/password", new { currentPassword = ParentPassword, newPassword = "Changement-2026!" }, family.Token);
        await Get("/api/family", family.Token, 401);

        var afterChange = await Login(family.Email, "Changement-2026!");
        await Post("/api/auth/password-reset", new { email = family.Email }, null, 202);
        await Post("/api/auth/password-reset/confirm",
            new { token = TokenIn(await MailTo(family.Email, "Réinitialisation")), newPassword = "Reinitialise-2026!" }, null, 204);
        await Get("/api/family", afterChange, 401);
        await Get("/api/family", await Login(family.Email, "Reinitialise-2026!"));
    }

    [Fact]
    public async Task An_erased_family_s_token_is_refused()
    {
        var family = await NewFamily();
        await Post($"/api/staff/families/{family.FamilyId}/erasure", new { reason = "Demande de la famille" }, await StaffToken(), 204);
        await Get("/api/family", family.Token, 401);
    }

    [Fact]
    public async Task A_token_without_a_session_version_is_refused()
    {
        // Signed with the right key for a real account, but minted without "sv": not a token this portal issued.
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(AppFixture.TenantId);
        var account = await session.Query<Account>().SingleAsync(a => a.Email == AppFixture.StaffEmail);
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var forged = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "portail-famille", Audience = "portail-famille",
            Claims = new Dictionary<string, object> { ["sub"] = account.Id.ToString(), ["role"] = "staff" },
            IssuedAt = AppFixture.DefaultNow.ToDateTimeUtc(), NotBefore = AppFixture.DefaultNow.ToDateTimeUtc(),
            Expires = AppFixture.DefaultNow.ToDateTimeUtc().AddHours(1),
            SigningCredentials = new(Infrastructure.TokenIssuer.SigningKey(Host.Services.GetRequiredService<Infrastructure.JwtSettings>()), "HS256"),
        });
        await Get("/api/me", forged, 401);
    }

    [Fact]
    public async Task A_token_of_another_commune_is_refused_on_this_communes_host()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(AppFixture.TenantId);
        var account = await session.Query<Account>().SingleAsync(a => a.Email == AppFixture.StaffEmail);
        var issuer = Host.Services.GetRequiredService<Infrastructure.TokenIssuer>();
        var here = Host.Services.GetRequiredService<Infrastructure.CommuneDirectory>().First.Id;
        await Get("/api/me", issuer.Issue(account, here).Token, 200);
        await Get("/api/me", issuer.Issue(account, "saint-pargoire").Token, 401); // the same account id, signed by the same key
    }

    [Fact]
    public async Task The_node_that_ended_a_session_refuses_it_at_once_and_another_node_at_its_next_read()
    {
        var family = await NewFamily();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var thisNode = Host.Services.GetRequiredService<SessionVersions>();
        var otherNode = new SessionVersions(Host.Services.GetRequiredService<CommuneDirectory>(), Host.Services.GetRequiredService<CommuneDatabases>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SessionVersions>.Instance);
        await otherNode.RefreshAsync(default);
        Guid accountId;
        await using (var session = store.QuerySession(AppFixture.TenantId))
            accountId = (await session.Query<Account>().SingleAsync(a => a.Email == family.Email)).Id;
        otherNode.IsCurrent(AppFixture.CommuneId, accountId, 0).ShouldBeTrue();

        await Post("/api/auth/logout", null, family.Token, 204);
        thisNode.IsCurrent(AppFixture.CommuneId, accountId, 0).ShouldBeFalse();
        otherNode.IsCurrent(AppFixture.CommuneId, accountId, 0).ShouldBeTrue(); // until it reads the table again, every 5 s
        await otherNode.RefreshAsync(default);
        otherNode.IsCurrent(AppFixture.CommuneId, accountId, 0).ShouldBeFalse();
        otherNode.IsCurrent(AppFixture.CommuneId, accountId, 1).ShouldBeTrue();
        SessionVersions.PollEvery.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));

        // A node started after the change knows it from its first read; an erasure is known the same way.
        await Post($"/api/staff/families/{family.FamilyId}/erasure", new { reason = "Demande" }, await StaffToken(), 204);
        var lateNode = new SessionVersions(Host.Services.GetRequiredService<CommuneDirectory>(), Host.Services.GetRequiredService<CommuneDatabases>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SessionVersions>.Instance);
        await lateNode.RefreshAsync(default);
        lateNode.IsCurrent(AppFixture.CommuneId, accountId, 1).ShouldBeFalse();
        lateNode.IsCurrent(AppFixture.CommuneId, accountId, SessionVersions.Erased).ShouldBeFalse();
    }
}
