using Marten;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Families;

namespace PortailFamille.Api.Tests.Families;

public class ParentFamilyTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task A_parent_sees_their_own_family_file_only()
    {
        var durand = await NewFamily("Durand");
        var petit = await NewFamily("Petit");
        await AddChild(durand.FamilyId, "Léo");
        var own = (await Get("/api/family", durand.Token))!;
        own["familyId"]!.GetValue<string>().ShouldBe(durand.FamilyId.ToString());
        own["email"]!.GetValue<string>().ShouldBe("durand@famille.test");
        own["phones"]!["mobile1"]!.GetValue<string>().ShouldBe("06 12 34 56 78");
        own["children"]!.AsArray().Count.ShouldBe(1);
        (await Get("/api/family", petit.Token))!["children"]!.AsArray().Count.ShouldBe(0);
        await Get("/api/family", null, 401);
        await Get("/api/family", await StaffToken(), 403);
    }

    [Fact]
    public async Task A_parent_replaces_their_phone_numbers_and_an_absent_one_is_cleared()
    {
        var family = await NewFamily();
        await Put("/api/family/phones", new { home = "04 67 00 00 00", work1 = "04 67 11 11 11" }, family.Token);
        var phones = (await Get("/api/family", family.Token))!["phones"]!;
        phones["home"]!.GetValue<string>().ShouldBe("04 67 00 00 00");
        phones["work1"]!.GetValue<string>().ShouldBe("04 67 11 11 11");
        phones["mobile1"].ShouldBeNull();
    }

    [Fact]
    public async Task The_email_cannot_be_changed_through_the_phones_endpoint()
    {
        var family = await NewFamily();
        var problem = await Put("/api/family/phones", new { mobile1 = "06 00 00 00 00", email = "pirate@famille.test" }, family.Token, 400);
        problem!["errors"]!["email"].ShouldNotBeNull();
        await Put("/api/family/phones", new { mobile1 = "06 00 00 00 00", lastName = "Autre" }, family.Token, 400);
        await Put("/api/family/phones", new { mobile1 = "pas un numéro" }, family.Token, 400);
        await Put("/api/family/phones", new { mobile1 = 612345678 }, family.Token, 400);
        var file = (await Get("/api/family", family.Token))!;
        file["email"]!.GetValue<string>().ShouldBe(family.Email);
        file["phones"]!["mobile1"]!.GetValue<string>().ShouldBe("06 12 34 56 78");
        await Put("/api/family/phones", new { mobile1 = "06 00 00 00 00" }, await StaffToken(), 403);
        await Put("/api/family/phones", new { mobile1 = "06 00 00 00 00" }, null, 401);
    }

    [Fact]
    public async Task The_family_stream_keeps_who_changed_what()
    {
        var family = await NewFamily();
        await Put("/api/family/phones", new { mobile1 = "06 00 00 00 00" }, family.Token);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var events = await session.Events.FetchStreamAsync(family.FamilyId);
        events.Select(e => e.EventType).ShouldBe([typeof(FamilyFileCreated), typeof(FamilyPhonesChanged)]);
        ((FamilyFileCreated)events[0].Data).By.Kind.ShouldBe(Domain.Common.ActorKind.Staff);
        ((FamilyPhonesChanged)events[1].Data).By.Kind.ShouldBe(Domain.Common.ActorKind.Parent);
    }
}
