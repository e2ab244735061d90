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
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
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

    private static object EditedFile(string lastName = "Durand-Roux") => new
    {
        civility = "Mme", firstName = "Claire", lastName,
        address = new { line1 = "3 place de la Mairie", postalCode = "34120", city = "Lézignan-la-Cèbe" },
        phones = new { mobile1 = "06 12 34 56 78", home = "04 67 00 00 00" },
        allocataire = new { name = "Claire Durand", regime = "MSA", number = "7654321" },
        dependentChildren = 3,
    };

    [Fact]
    public async Task Staff_edit_the_file_directly_and_the_family_sees_who_changed_it()
    {
        var family = await NewFamily();
        var staff = await StaffToken();
        Advance(NodaTime.Duration.FromMinutes(1));
        await Put($"/api/staff/families/{family.FamilyId}", EditedFile(), staff);

        var file = (await Get("/api/family", family.Token))!;
        file["lastName"]!.GetValue<string>().ShouldBe("Durand-Roux");
        file["address"]!["line1"]!.GetValue<string>().ShouldBe("3 place de la Mairie");
        file["phones"]!["home"]!.GetValue<string>().ShouldBe("04 67 00 00 00");
        file["allocataire"]!["regime"]!.GetValue<string>().ShouldBe("MSA");
        file["dependentChildren"]!.GetValue<int>().ShouldBe(3);
        file["email"]!.GetValue<string>().ShouldBe(family.Email);
        var subjects = (await Get("/api/dashboard", family.Token))!.AsArray().Select(l => l!["subject"]!.GetValue<string>()).ToList();
        subjects.ShouldContain("Données de la famille modifiées par la mairie");
        subjects.ShouldContain("Téléphones modifiés par la mairie");

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var events = await session.Events.FetchStreamAsync(family.FamilyId);
        var changed = events.Select(e => e.Data).OfType<FamilyDataChanged>().Single();
        changed.By.Kind.ShouldBe(Domain.Common.ActorKind.Staff);
        changed.Changes.Keys.ShouldBe(["lastName", "address.line1", "allocataire.regime", "allocataire.number", "dependentChildren"], ignoreOrder: true);

        // The same file again changes nothing.
        await Put($"/api/staff/families/{family.FamilyId}", EditedFile(), staff);
        (await session.Events.FetchStreamAsync(family.FamilyId)).Count.ShouldBe(events.Count);
    }

    [Fact]
    public async Task Editing_a_file_refuses_bad_data_unknown_families_and_other_roles_and_writes_nothing()
    {
        var family = await NewFamily();
        var staff = await StaffToken();
        var url = $"/api/staff/families/{family.FamilyId}";
        var bad = (await Put(url, new { civility = "Mlle", firstName = "", lastName = "Durand", address = new { line1 = "1 rue", postalCode = "3412", city = "X" },
            phones = new { }, allocataire = new { regime = "SNCF" }, dependentChildren = 99 }, staff, 400))!;
        bad["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["civility", "firstName", "address.postalCode", "allocataire.regime", "dependentChildren"], ignoreOrder: true);
        await Put(url, new { email = "autre@famille.test" }, staff, 400);
        await Put($"/api/staff/families/{Guid.NewGuid()}", EditedFile(), staff, 404);
        await Put($"/api/staff/families/{Guid.Empty}", EditedFile(), staff, 404); // no resource has the empty id
        await Put($"/api/staff/families/{Guid.Empty}", EditedFile(), null, 401);
        await Put($"/api/staff/families/{Guid.Empty}", EditedFile(), family.Token, 403);
        await Put(url, EditedFile(), family.Token, 403);
        await Put(url, EditedFile(), null, 401);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(family.FamilyId)).Select(e => e.Data).OfType<FamilyDataChanged>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_correct_a_child_of_the_family_and_only_of_that_family()
    {
        var family = await NewFamily();
        var other = await NewFamily("Petit");
        var childId = await AddChild(family.FamilyId, "Léo", "2019-03-14");
        var staff = await StaffToken();
        var url = $"/api/staff/families/{family.FamilyId}/children/{childId}";
        await Put(url, new { firstName = "Léon", lastName = "Durand", birthDate = "2019-04-14", sex = "M" }, staff);

        var child = (await Get("/api/family", family.Token))!["children"]![0]!;
        child["firstName"]!.GetValue<string>().ShouldBe("Léon");
        child["birthDate"]!.GetValue<string>().ShouldBe("2019-04-14");
        (await Get("/api/dashboard", family.Token))!.AsArray().Select(l => l!["subject"]!.GetValue<string>())
            .ShouldContain("Données d'un enfant modifiées par la mairie");

        await Put(url, new { firstName = "Léon", lastName = "Durand", birthDate = "2030-01-01", sex = "M" }, staff, 400);
        await Put(url, new { firstName = "Léon", lastName = "Durand", birthDate = "2019-04-14", sex = "X" }, staff, 400);
        await Put($"/api/staff/families/{other.FamilyId}/children/{childId}", new { firstName = "Léon", lastName = "Durand", birthDate = "2019-04-14", sex = "M" }, staff, 404);
        await Put($"/api/staff/families/{family.FamilyId}/children/{Guid.NewGuid()}", new { firstName = "Léon", lastName = "Durand", birthDate = "2019-04-14", sex = "M" }, staff, 404);
        await Put(url, new { firstName = "Léo", lastName = "Durand", birthDate = "2019-04-14", sex = "M" }, family.Token, 403);
        (await Get("/api/family", family.Token))!["children"]![0]!["firstName"]!.GetValue<string>().ShouldBe("Léon");
    }

    [Fact]
    public async Task Staff_read_a_familys_history_and_account_as_the_family_sees_them()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var other = await NewFamily("Petit");
        await SeedInvoice(child, amountCents: 1250);
        await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, child.Family.Token, 201);
        var staff = await StaffToken();

        var history = (await Get($"/api/staff/families/{child.Family.FamilyId}/history", staff))!.AsArray();
        history.ToJsonString().ShouldBe((await Get("/api/dashboard", child.Family.Token))!.ToJsonString());
        history.Select(l => l!["subject"]!.GetValue<string>()).ShouldContain("Attestation fiscale 2026");
        (await Get($"/api/staff/families/{other.FamilyId}/history", staff))!.AsArray().ShouldBeEmpty();
        (await Get($"/api/staff/families/{child.Family.FamilyId}/history?pageSize=1", staff))!.AsArray().ToJsonString()
            .ShouldBe(new System.Text.Json.Nodes.JsonArray(history[0]!.DeepClone()).ToJsonString()); // newest first, one page
        (await Get($"/api/staff/families/{child.Family.FamilyId}/history?page=2&pageSize=1", staff))!.AsArray().ToJsonString()
            .ShouldBe(new System.Text.Json.Nodes.JsonArray(history[1]!.DeepClone()).ToJsonString());
        await Get($"/api/staff/families/{child.Family.FamilyId}/history?pageSize=0", staff, 400);

        var account = (await Get($"/api/staff/families/{child.Family.FamilyId}/account", staff))!;
        var own = (await Get("/api/account", child.Family.Token))!;
        account["invoicesBalanceCents"]!.GetValue<int>().ShouldBe(1250);
        account["familyBalanceCents"]!.GetValue<int>().ShouldBe(own["familyBalanceCents"]!.GetValue<int>());
        var line = account["inscriptions"]!.AsArray().ShouldHaveSingleItem()!;
        (line["inscriptionId"]!.GetValue<string>(), line["childName"]!.GetValue<string>(), line["balanceCents"]!.GetValue<int>())
            .ShouldBe((child.InscriptionId.ToString(), "Léo Durand", 1250));

        await Get($"/api/staff/families/{Guid.NewGuid()}/history", staff, 404);
        await Get($"/api/staff/families/{Guid.NewGuid()}/account", staff, 404);
        await Get($"/api/staff/families/{child.Family.FamilyId}/account", child.Family.Token, 403);
        await Get($"/api/staff/families/{child.Family.FamilyId}/history", null, 401);
    }

    [Fact]
    public async Task Staff_set_a_childs_diet_and_pai_which_the_family_sees_without_the_dashboard_saying_what()
    {
        var family = await NewFamily();
        var other = await NewFamily("Petit");
        var childId = await AddChild(family.FamilyId, "Léo", "2019-03-14");
        var staff = await StaffToken();
        (await Get("/api/commune", null))!["diets"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["standard", "sans-porc", "sans-viande", "vegetarien"]);
        var url = $"/api/staff/families/{family.FamilyId}/children/{childId}/diet";

        await Put(url, new { diet = "sans-porc", pai = "panier-repas" }, staff);
        var child = (await Get("/api/family", family.Token))!["children"]![0]!;
        (child["diet"]!.GetValue<string>(), child["pai"]!.GetValue<string>()).ShouldBe(("sans-porc", "panier-repas"));
        static List<string> Subjects(System.Text.Json.Nodes.JsonNode? lines) => lines!.AsArray().Select(l => l!["subject"]!.GetValue<string>()).ToList();
        var subjects = Subjects(await Get("/api/dashboard", family.Token));
        subjects.ShouldContain("Régime alimentaire ou PAI d'un enfant mis à jour par la mairie");
        subjects.ShouldNotContain(s => s.Contains("sans-porc") || s.Contains("panier"));
        Subjects(await Get("/api/dashboard", other.Token)).ShouldNotContain(s => s.Contains("Régime"));

        await Put(url, new { diet = "sans-porc" }, staff); // the PAI ends
        (await Get("/api/family", family.Token))!["children"]![0]!["pai"].ShouldBeNull();

        await Put(url, new { diet = "halal" }, staff, 400);
        await Put(url, new { diet = "standard", pai = "allergie" }, staff, 400);
        await Put($"/api/staff/families/{other.FamilyId}/children/{childId}/diet", new { diet = "standard" }, staff, 404);
        await Put(url, new { diet = "standard" }, family.Token, 403);
        await Put(url, new { diet = "standard" }, null, 401);
        (await Get("/api/family", family.Token))!["children"]![0]!["diet"]!.GetValue<string>().ShouldBe("sans-porc");
    }

    private static Dictionary<string, object?> ToDictionary(object body) =>
        body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
}
