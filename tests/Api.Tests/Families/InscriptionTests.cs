using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Families;

public class InscriptionTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Staff_enrols_a_child_and_the_parent_sees_the_inscription()
    {
        await CreateActivity();
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId, "Léo");
        var inscriptionId = await Enrol(childId);

        var list = (await Get("/api/inscriptions", family.Token))!.AsArray();
        var inscription = list.Single()!;
        inscription["inscriptionId"]!.GetValue<string>().ShouldBe(inscriptionId.ToString());
        inscription["childName"]!.GetValue<string>().ShouldBe("Léo Durand");
        inscription["label"]!.GetValue<string>().ShouldBe("CANTINE 2026-2027");
        inscription["equipment"]!.GetValue<string>().ShouldBe("ACCUEIL PERISCOLAIRE");
        inscription["from"]!.GetValue<string>().ShouldBe("2026-09-01");
        inscription["to"]!.GetValue<string>().ShouldBe("2027-07-02");
        inscription["group"]!.GetValue<string>().ShouldBe("PRIMAIRE");
        (await Get($"/api/staff/families/{family.FamilyId}", await StaffToken()))!["inscriptions"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_family_never_sees_the_inscription()
    {
        await CreateActivity();
        var durand = await NewFamily("Durand");
        var petit = await NewFamily("Petit");
        await Enrol(await AddChild(durand.FamilyId));
        (await Get("/api/inscriptions", petit.Token))!.AsArray().Count.ShouldBe(0);
        await Get("/api/inscriptions", await StaffToken(), 403);
        await Get("/api/inscriptions", null, 401);
    }

    [Fact]
    public async Task An_overlapping_inscription_to_the_same_activity_is_a_conflict()
    {
        await CreateActivity();
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId);
        var staff = await StaffToken();
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", from = "2026-09-01", to = "2026-12-18" }, staff, 201);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", from = "2026-12-01", to = "2027-07-02" }, staff, 409);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", from = "2027-01-04" }, staff, 201);
        (await Get("/api/inscriptions", family.Token))!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Bad_inscriptions_are_400()
    {
        await CreateActivity();
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId);
        var staff = await StaffToken();
        await Post("/api/staff/inscriptions", new { childId = Guid.NewGuid(), activityCode = "CANTINE", group = "PRIMAIRE" }, staff, 400);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "PISCINE", group = "PRIMAIRE" }, staff, 400);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "COLLEGE" }, staff, 400);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", from = "2026-08-01" }, staff, 400);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", from = "2026-12-01", to = "2026-11-01" }, staff, 400);
        await Post("/api/staff/inscriptions", new { childId = "pas-un-id", activityCode = "CANTINE", group = "PRIMAIRE" }, staff, 400);
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE" }, family.Token, 403);
        (await Get("/api/inscriptions", family.Token))!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Staff_changes_the_group_or_ends_an_inscription_early()
    {
        await CreateActivity();
        var family = await NewFamily();
        var inscriptionId = await Enrol(await AddChild(family.FamilyId), group: "MATERNELLE");
        var staff = await StaffToken();
        await Put($"/api/staff/inscriptions/{inscriptionId}", new { group = "PRIMAIRE" }, staff);
        await Put($"/api/staff/inscriptions/{inscriptionId}", new { to = "2027-02-05" }, staff);
        var inscription = (await Get("/api/inscriptions", family.Token))![0]!;
        inscription["group"]!.GetValue<string>().ShouldBe("PRIMAIRE");
        inscription["to"]!.GetValue<string>().ShouldBe("2027-02-05");

        await Put($"/api/staff/inscriptions/{inscriptionId}", new { group = "COLLEGE" }, staff, 400);
        await Put($"/api/staff/inscriptions/{inscriptionId}", new { to = "2026-08-01" }, staff, 400);
        await Put($"/api/staff/inscriptions/{inscriptionId}", new { }, staff, 400);
        await Put($"/api/staff/inscriptions/{Guid.NewGuid()}", new { group = "PRIMAIRE" }, staff, 404);
        await Put($"/api/staff/inscriptions/{inscriptionId}", new { group = "PRIMAIRE" }, family.Token, 403);
    }

    [Fact]
    public async Task Extending_an_inscription_over_another_one_is_a_conflict()
    {
        await CreateActivity();
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId);
        var staff = await StaffToken();
        var first = Id(await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", to = "2026-12-18" }, staff, 201), "inscriptionId");
        await Post("/api/staff/inscriptions", new { childId, activityCode = "CANTINE", group = "PRIMAIRE", from = "2027-01-04" }, staff, 201);
        await Put($"/api/staff/inscriptions/{first}", new { to = "2027-02-01" }, staff, 409);
        await Put($"/api/staff/inscriptions/{first}", new { to = "2027-01-03" }, staff);
    }
}
