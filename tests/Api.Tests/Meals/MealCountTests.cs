using Marten;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Meals;

/// <summary>The kitchen's meals split by diet and PAI (counts only), and the staff's list of PAI children (journaled).</summary>
public class MealCountTests(AppFixture app) : ApiTest(app)
{
    private async Task SetDiet(Enrolled child, string diet, string? pai) =>
        await Put($"/api/staff/families/{child.Family.FamilyId}/children/{child.ChildId}/diet", new { diet, pai }, await StaffToken());

    [Fact]
    public async Task Thursdays_meals_are_split_by_diet_and_pai_kind_and_the_kitchen_sees_counts_only()
    {
        await CreateActivity();
        var children = new List<Enrolled>();
        foreach (var name in new[] { "Durand", "Petit", "Martin", "Bernard" }) children.Add(await EnrolledChild(name));
        await SetDiet(children[1], "vegetarien", null);
        await SetDiet(children[2], "sans-porc", "panier-repas");
        await SetDiet(children[3], "sans-porc", "panier-repas");
        foreach (var child in children) await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-08", "book"), ("2026-10-09", "book"));
        await Reserve(children[0].InscriptionId, children[0].Family.Token, ("2026-10-09", "cancel"));

        var kitchenToken = await KitchenToken();
        var kitchen = (await Get("/api/staff/meals?date=2026-10-08", kitchenToken))!.AsArray();
        kitchen.Select(r => (r!["diet"]!.GetValue<string>(), (string?)r["pai"]?.GetValue<string>(), r["count"]!.GetValue<int>()))
            .ShouldBe([("standard", null, 1), ("sans-porc", "panier-repas", 2), ("vegetarien", null, 1)]);
        kitchen.ShouldAllBe(r => r!["activityCode"]!.GetValue<string>() == "CANTINE" && r["unit"]!.GetValue<string>() == "REPAS");
        kitchen.ToJsonString().ShouldNotContain("Léo"); // counts only

        var week = (await Get("/api/staff/meals?from=2026-10-05&to=2026-10-11", await StaffToken()))!.AsArray();
        week.Where(r => r!["date"]!.GetValue<string>() == "2026-10-09").Sum(r => r!["count"]!.GetValue<int>()).ShouldBe(3); // one cancelled
        week.Sum(r => r!["count"]!.GetValue<int>()).ShouldBe(7);

        var csv = await Host.Scenario(s =>
        {
            s.Get.Url("/api/staff/meals.csv?from=2026-10-05&to=2026-10-11");
            s.WithRequestHeader("Authorization", "Bearer " + kitchenToken);
        });
        var lines = (await csv.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("date,activityCode,unit,diet,pai,count");
        lines.ShouldContain("2026-10-08,CANTINE,REPAS,sans-porc,panier-repas,2");
        lines.ShouldContain("2026-10-09,CANTINE,REPAS,vegetarien,,1");
        lines.ShouldNotContain(l => l.StartsWith("2026-10-09,CANTINE,REPAS,standard")); // Durand cancelled the 9th
        lines.Length.ShouldBe(1 + week.Count); // the header, then the JSON's rows
    }

    [Fact]
    public async Task Staff_list_the_days_pai_children_by_first_name_and_group_and_each_family_sees_the_look_in_its_journal()
    {
        await CreateActivity();
        var withPai = await EnrolledChild("Martin");
        var without = await EnrolledChild("Durand");
        await SetDiet(withPai, "standard", "repas-adapte");
        await Reserve(withPai.InscriptionId, withPai.Family.Token, ("2026-10-08", "book"));
        await Reserve(without.InscriptionId, without.Family.Token, ("2026-10-08", "book"));

        var list = (await Get("/api/staff/pai?date=2026-10-08", await StaffToken()))!.AsArray();
        var line = list.ShouldHaveSingleItem()!;
        (line["firstName"]!.GetValue<string>(), line["group"]!.GetValue<string>(), line["pai"]!.GetValue<string>()).ShouldBe(("Léo", "PRIMAIRE", "repas-adapte"));
        line.AsObject().ContainsKey("lastName").ShouldBeFalse();
        (await Get("/api/staff/pai?date=2026-10-09", await StaffToken()))!.AsArray().ShouldBeEmpty();

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var looks = await session.Query<PortailFamille.Api.Privacy.FamilyAccess>().ToListAsync();
        looks.ShouldContain(a => a.FamilyId == withPai.Family.FamilyId && a.What == "liste des PAI du 2026-10-08");
        looks.ShouldNotContain(a => a.FamilyId == without.Family.FamilyId);
    }

    [Fact]
    public async Task The_kitchen_may_not_read_names_and_parents_read_neither()
    {
        var family = await NewFamily();
        await Get("/api/staff/pai?date=2026-10-08", await KitchenToken(), 403);
        await Get("/api/staff/meals?date=2026-10-08", family.Token, 403);
        await Get("/api/staff/pai?date=2026-10-08", null, 401);
    }

    [Theory]
    [InlineData("/api/staff/meals")]
    [InlineData("/api/staff/meals?from=2026-10-01&to=2026-12-01")]
    [InlineData("/api/staff/meals?date=2026-02-30")]
    [InlineData("/api/staff/pai")]
    [InlineData("/api/staff/pai?date=jeudi")]
    public async Task Missing_or_bad_dates_and_long_periods_are_400(string url) => await Get(url, await StaffToken(), 400);
}
