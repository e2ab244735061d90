using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Requests;

public class RequestTests(AppFixture app) : ApiTest(app)
{
    private async Task<Guid> Submit(string token, object body) => Id(await Post("/api/requests", body, token, 201), "requestId");

    private async Task Decide(Guid requestId, string decision, int status = 204, string? reason = null) =>
        await Post($"/api/staff/requests/{requestId}/decision", new { decision, reason }, await StaffToken(), status);

    [Fact]
    public async Task A_family_change_waits_for_staff_and_once_accepted_changes_the_file()
    {
        var family = await NewFamily();
        var requestId = await Submit(family.Token, new { type = "family-change", changes = new Dictionary<string, string> { ["address.line1"] = "5 place de l'Église", ["dependentChildren"] = "3" } });
        await MailTo("accueil@lezignanlacebe.fr", "nouvelle demande");
        var pending = (await Get("/api/staff/pending", await StaffToken()))!["requests"]!.AsArray().Single()!;
        pending["requestId"]!.GetValue<string>().ShouldBe(requestId.ToString());
        pending["type"]!.GetValue<string>().ShouldBe("family-change");
        pending["data"]!["changes"]!["address.line1"]!.GetValue<string>().ShouldBe("5 place de l'Église");

        await Decide(requestId, "accept");
        var file = (await Get("/api/family", family.Token))!;
        file["address"]!["line1"]!.GetValue<string>().ShouldBe("5 place de l'Église");
        file["dependentChildren"]!.GetValue<int>().ShouldBe(3);
        (await MailTo(family.Email, "votre demande")).TextBody!.ShouldContain("acceptée");
        (await Get("/api/staff/pending", await StaffToken()))!["requests"]!.AsArray().Count.ShouldBe(0);
        await Decide(requestId, "accept", 409);
    }

    [Fact]
    public async Task A_child_change_and_a_new_person_apply_to_the_children()
    {
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId, "Léo");
        await Decide(await Submit(family.Token, new { type = "child-change", childId, changes = new Dictionary<string, string> { ["firstName"] = "Léon", ["birthDate"] = "2019-04-01" } }), "accept");
        await Decide(await Submit(family.Token, new { type = "new-person", firstName = "Zoé", lastName = "Durand", birthDate = "2023-02-10", sex = "F" }), "accept");
        var children = (await Get("/api/family", family.Token))!["children"]!.AsArray();
        children.Select(c => c!["firstName"]!.GetValue<string>()).ShouldBe(["Léon", "Zoé"]);
        children[0]!["birthDate"]!.GetValue<string>().ShouldBe("2019-04-01");
    }

    [Fact]
    public async Task A_parent_asks_for_a_diet_and_a_pai_and_staff_acceptance_sets_them_on_the_file()
    {
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId, "Léo");
        await Post("/api/requests", new { type = "child-change", childId, changes = new Dictionary<string, string> { ["diet"] = "halal" } }, family.Token, 400);
        await Decide(await Submit(family.Token, new { type = "child-change", childId,
            changes = new Dictionary<string, string> { ["diet"] = "vegetarien", ["pai"] = "panier-repas" } }), "accept");
        var child = (await Get("/api/family", family.Token))!["children"]!.AsArray().Single()!;
        (child["diet"]!.GetValue<string>(), child["pai"]!.GetValue<string>()).ShouldBe(("vegetarien", "panier-repas"));
        await Decide(await Submit(family.Token, new { type = "child-change", childId, changes = new Dictionary<string, string> { ["pai"] = "aucun" } }), "accept");
        (await Get("/api/family", family.Token))!["children"]![0]!["pai"].ShouldBeNull();
    }

    [Fact]
    public async Task A_new_inscription_opens_the_inscription_unless_one_already_covers_the_period()
    {
        await CreateActivity();
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId);
        var first = await Submit(family.Token, new { type = "new-inscription", childId, activityCode = "CANTINE", group = "PRIMAIRE" });
        var second = await Submit(family.Token, new { type = "new-inscription", childId, activityCode = "CANTINE", group = "PRIMAIRE" });
        await Decide(first, "accept");
        var inscription = (await Get("/api/inscriptions", family.Token))!.AsArray().Single()!;
        inscription["activityCode"]!.GetValue<string>().ShouldBe("CANTINE");
        inscription["group"]!.GetValue<string>().ShouldBe("PRIMAIRE");
        await Decide(second, "accept", 409);
        await Decide(second, "refuse", reason: "Déjà inscrit");
        (await MailTo(family.Email, "votre demande")).TextBody!.ShouldContain("acceptée");
    }

    [Fact]
    public async Task Two_new_inscriptions_of_one_child_accepted_at_once_open_one_and_the_other_is_a_conflict()
    {
        await CreateActivity();
        var family = await NewFamily();
        var childId = await AddChild(family.FamilyId);
        var asked = new { type = "new-inscription", childId, activityCode = "CANTINE", group = "PRIMAIRE" };
        var requests = new[] { await Submit(family.Token, asked), await Submit(family.Token, asked) };
        var staff = await StaffToken();

        var answers = await Task.WhenAll(requests.Select(id => Host.Scenario(s =>
        {
            s.Post.Json(new { decision = "accept" }).ToUrl($"/api/staff/requests/{id}/decision");
            s.WithBearerToken(staff);
            s.IgnoreStatusCode();
        })));

        answers.Select(a => a.Context.Response.StatusCode).Order().ShouldBe([204, 409]);
        (await Get("/api/inscriptions", family.Token))!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Attestation_requests_are_accepted_or_refused_with_a_reason_by_email()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        await Decide(await Submit(child.Family.Token, new { type = "attestation-inscription", inscriptionId = child.InscriptionId }), "accept");
        await Decide(await Submit(child.Family.Token, new { type = "attestation-fiscale", year = 2025 }), "refuse", reason: "Aucun paiement en 2025");
        (await MailTo(child.Family.Email, "attestation fiscale")).TextBody!.ShouldContain("Aucun paiement en 2025");
        var mail = await MailTo(child.Family.Email, "attestation d'inscription");
        mail.TextBody!.ShouldContain("acceptée");
        var pdf = mail.Attachments.OfType<MimeKit.MimePart>().Single();
        pdf.ContentType.MimeType.ShouldBe("application/pdf");
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        using var document = UglyToad.PdfPig.PdfDocument.Open(content.ToArray());
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        text.ShouldContain("ATTESTATION D'INSCRIPTION");
        text.ShouldContain("Léo Durand");
        text.ShouldContain("CANTINE 2026-2027");
        text.ShouldContain("2 juillet 2027");
    }

    [Fact]
    public async Task A_pending_request_can_be_withdrawn_a_decided_one_cannot_and_another_family_gets_404()
    {
        var family = await NewFamily("Durand");
        var other = await NewFamily("Petit");
        var pending = await Submit(family.Token, new { type = "attestation-fiscale", year = 2026 });
        await Delete($"/api/requests/{pending}", other.Token, 404);
        await Delete($"/api/requests/{pending}", family.Token);
        await Delete($"/api/requests/{pending}", family.Token, 409);
        await Decide(pending, "accept", 409);
        var decided = await Submit(family.Token, new { type = "attestation-fiscale", year = 2026 });
        await Decide(decided, "refuse");
        await Delete($"/api/requests/{decided}", family.Token, 409);
        await Delete($"/api/requests/{Guid.NewGuid()}", family.Token, 404);
        await Post($"/api/staff/requests/{Guid.NewGuid()}/decision", new { decision = "accept" }, await StaffToken(), 404);
        await Post($"/api/staff/requests/{decided}/decision", new { decision = "peut-être" }, await StaffToken(), 400);
        await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, await StaffToken(), 403);
    }

    [Fact]
    public async Task A_request_about_a_child_no_longer_in_the_family_is_a_conflict_when_accepted_and_changes_nothing()
    {
        var family = await NewFamily("Durand");
        var requestId = Guid.NewGuid();
        // No route lets a parent ask about a child who is not theirs: the state is given as the events themselves.
        await GivenEvents(requestId, new Domain.Requests.RequestSubmitted(requestId, family.FamilyId, Domain.Requests.RequestType.ChildChange,
            new Domain.Requests.RequestData(Changes: new Dictionary<string, string> { ["firstName"] = "Léane" }, ChildId: Guid.NewGuid()),
            Domain.Common.Actor.Parent(Guid.NewGuid()), App.Clock.GetCurrentInstant()));
        var before = (await Get($"/api/staff/families/{family.FamilyId}", await StaffToken()))!.ToJsonString();

        var refused = await Post($"/api/staff/requests/{requestId}/decision", new { decision = "accept" }, await StaffToken(), 409);

        refused!["detail"]!.GetValue<string>().ShouldBe("Cet enfant ne fait plus partie de la famille.");
        (await Get($"/api/staff/families/{family.FamilyId}", await StaffToken()))!.ToJsonString().ShouldBe(before);
        // Still pending: it can be refused instead.
        await Post($"/api/staff/requests/{requestId}/decision", new { decision = "refuse", reason = "Enfant parti" }, await StaffToken(), 204);
    }

    [Theory]
    [InlineData("""{"type":"changement"}""")]
    [InlineData("""{"type":"attestation-fiscale"}""")]
    [InlineData("""{"type":"attestation-fiscale","year":2026,"extra":1}""")]
    [InlineData("""{"type":"attestation-fiscale","year":"2026"}""")]
    [InlineData("""{"type":"attestation-fiscale","year":2099}""")]
    [InlineData("""{"type":"family-change","changes":{"email":"pirate@x.fr"}}""")]
    [InlineData("""{"type":"family-change","changes":{"mobile1":"0600000000"}}""")]
    [InlineData("""{"type":"family-change","changes":{}}""")]
    [InlineData("""{"type":"family-change","changes":{"address.postalCode":"3412"}}""")]
    [InlineData("""{"type":"new-person","firstName":"A","lastName":"B","birthDate":"2031-01-01","sex":"M"}""")]
    [InlineData("""{"type":"child-change","childId":"00000000-0000-0000-0000-000000000001","changes":{"firstName":"X"}}""")]
    [InlineData("""{"type":"new-inscription","childId":"00000000-0000-0000-0000-000000000001","activityCode":"PISCINE","group":"X"}""")]
    [InlineData("""[]""")]
    public async Task Malformed_requests_are_400_and_nothing_is_recorded(string body)
    {
        var family = await NewFamily();
        var result = await Raw("POST", "/api/requests", body, "application/json", family.Token, 400);
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
        (await Get("/api/staff/pending", await StaffToken()))!["requests"]!.AsArray().Count.ShouldBe(0);
    }
}
