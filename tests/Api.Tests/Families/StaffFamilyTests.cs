using Marten;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Families;

namespace PortailFamille.Api.Tests.Families;

public class StaffFamilyTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Staff_creates_a_family_file_that_staff_can_find_and_read()
    {
        var staff = await StaffToken();
        var familyId = Id(await Post("/api/staff/families", FamilyBody("Durand"), staff, 201), "familyId");
        await MailTo("durand@famille.test", "Activez");
        var childId = await AddChild(familyId, "Léo", "2019-03-14");

        var found = (await Get("/api/staff/families?q=LÉO", staff))!.AsArray().Single()!;
        found["familyId"]!.GetValue<string>().ShouldBe(familyId.ToString());
        found["children"]![0]!["childId"]!.GetValue<string>().ShouldBe(childId.ToString());
        (await Get("/api/staff/families?q=durand@famille", staff))!.AsArray().Count.ShouldBe(1);
        (await Get("/api/staff/families?q=personne", staff))!.AsArray().Count.ShouldBe(0);

        var file = (await Get($"/api/staff/families/{familyId}", staff))!;
        file["lastName"]!.GetValue<string>().ShouldBe("Durand");
        file["address"]!["postalCode"]!.GetValue<string>().ShouldBe("34120");
        file["allocataire"]!["regime"]!.GetValue<string>().ShouldBe("CAF");
        file["quotientFamilial"]!.GetValue<int>().ShouldBe(650);
        file["quotientFamilialDate"]!.GetValue<string>().ShouldBe("2026-09-14");
        file["children"]![0]!["age"]!.GetValue<int>().ShouldBe(7);
        file["inscriptions"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task An_address_already_used_is_a_conflict_and_nothing_is_written()
    {
        await NewFamily("Durand");
        await Post("/api/staff/families", FamilyBody("Autre", "DURAND@famille.test"), await StaffToken(), 409);
        await Post("/api/staff/families", FamilyBody("Autre", AppFixture.StaffEmail), await StaffToken(), 409);
        await using var session = Host.DocumentStore().QuerySession();
        (await session.Query<Family>().CountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData("civility", "Mlle")]
    [InlineData("email", "pas-une-adresse")]
    [InlineData("quotientFamilial", -5)]
    [InlineData("dependentChildren", 99)]
    [InlineData("firstName", "")]
    public async Task Malformed_family_files_are_400(string field, object value)
    {
        var body = ToDictionary(FamilyBody());
        body[field] = value;
        await Post("/api/staff/families", body, await StaffToken(), 400);
        App.Smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Nested_fields_are_checked_too()
    {
        var staff = await StaffToken();
        var body = ToDictionary(FamilyBody());
        body["address"] = new { line1 = "1 rue", postalCode = "3412", city = "Lézignan" };
        await Post("/api/staff/families", body, staff, 400);
        body["address"] = new { line1 = "1 rue", postalCode = "34120", city = "Lézignan", country = "FR" };
        await Post("/api/staff/families", body, staff, 400);
        body["address"] = new { line1 = "1 rue", postalCode = "34120", city = "Lézignan" };
        body["allocataire"] = new { regime = "SNCF" };
        await Post("/api/staff/families", body, staff, 400);
        body["allocataire"] = new { };
        body["phones"] = new { mobile1 = "appelez-moi" };
        await Post("/api/staff/families", body, staff, 400);
    }

    [Fact]
    public async Task Only_staff_reaches_family_files()
    {
        var family = await NewFamily();
        await Get("/api/staff/families", family.Token, 403);
        await Get($"/api/staff/families/{family.FamilyId}", family.Token, 403);
        await Get($"/api/staff/families/{family.FamilyId}", null, 401);
        await Post("/api/staff/families", FamilyBody("Autre"), family.Token, 403);
        await Get($"/api/staff/families/{Guid.NewGuid()}", await StaffToken(), 404);
        await Get("/api/staff/families/pas-un-id", await StaffToken(), 404);
    }

    [Fact]
    public async Task Staff_changes_the_email_which_is_also_the_login()
    {
        var family = await NewFamily();
        var staff = await StaffToken();
        await Put($"/api/staff/families/{family.FamilyId}/email", new { email = "Nouvelle@Famille.test" }, staff);
        (await Get($"/api/staff/families/{family.FamilyId}", staff))!["email"]!.GetValue<string>().ShouldBe("nouvelle@famille.test");
        // The login moves with the address once the account is activated again from the new address (SessionTests).
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo("nouvelle@famille.test", "Activez")), password = ParentPassword }, null, 204);
        var parent = await Login("nouvelle@famille.test", ParentPassword);
        await Post("/api/auth/login", new { email = family.Email, password = ParentPassword }, null, 401);

        await Put($"/api/staff/families/{family.FamilyId}/email", new { email = AppFixture.StaffEmail }, staff, 409);
        await Put($"/api/staff/families/{family.FamilyId}/email", new { email = "invalide" }, staff, 400);
        await Put($"/api/staff/families/{Guid.NewGuid()}/email", new { email = "x@famille.test" }, staff, 404);
        await Put($"/api/staff/families/{family.FamilyId}/email", new { email = "x@famille.test" }, parent, 403);
    }

    [Fact]
    public async Task Staff_records_a_new_quotient_familial_with_its_effective_date()
    {
        var family = await NewFamily();
        var staff = await StaffToken();
        await Put($"/api/staff/families/{family.FamilyId}/quotient-familial", new { quotientFamilial = 420, effectiveFrom = "2026-10-01" }, staff);
        var file = (await Get("/api/family", family.Token))!;
        file["quotientFamilial"]!.GetValue<int>().ShouldBe(420);
        file["quotientFamilialDate"]!.GetValue<string>().ShouldBe("2026-10-01");

        await Put($"/api/staff/families/{family.FamilyId}/quotient-familial", new { quotientFamilial = -1, effectiveFrom = "2026-10-01" }, staff, 400);
        await Put($"/api/staff/families/{family.FamilyId}/quotient-familial", new { quotientFamilial = 400, effectiveFrom = "2026-10-32" }, staff, 400);
        await Put($"/api/staff/families/{family.FamilyId}/quotient-familial", new { quotientFamilial = 400 }, staff, 400);
        await Put($"/api/staff/families/{Guid.NewGuid()}/quotient-familial", new { quotientFamilial = 400, effectiveFrom = "2026-10-01" }, staff, 404);
        await Put($"/api/staff/families/{family.FamilyId}/quotient-familial", new { quotientFamilial = 400, effectiveFrom = "2026-10-01" }, family.Token, 403);
    }

    [Fact]
    public async Task Staff_adds_children_with_checked_data()
    {
        var family = await NewFamily();
        var staff = await StaffToken();
        await AddChild(family.FamilyId, "Emma", "2022-06-02", "F");
        var url = $"/api/staff/families/{family.FamilyId}/children";
        await Post(url, new { firstName = "X", lastName = "Durand", birthDate = "2030-01-01", sex = "M" }, staff, 400);
        await Post(url, new { firstName = "X", lastName = "Durand", birthDate = "2020-01-01", sex = "X" }, staff, 400);
        await Post(url, new { firstName = "", lastName = "Durand", birthDate = "2020-01-01", sex = "M" }, staff, 400);
        await Post($"/api/staff/families/{Guid.NewGuid()}/children", new { firstName = "X", lastName = "Durand", birthDate = "2020-01-01", sex = "M" }, staff, 404);
        await Post(url, new { firstName = "X", lastName = "Durand", birthDate = "2020-01-01", sex = "M" }, family.Token, 403);
        var children = (await Get("/api/family", family.Token))!["children"]!.AsArray();
        children.Count.ShouldBe(1);
        children[0]!["firstName"]!.GetValue<string>().ShouldBe("Emma");
        children[0]!["sex"]!.GetValue<string>().ShouldBe("F");
    }

    private static Dictionary<string, object?> ToDictionary(object body) =>
        body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
}
