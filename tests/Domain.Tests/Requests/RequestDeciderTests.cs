using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;
using PortailFamille.Domain.Tests.Bookings;

namespace PortailFamille.Domain.Tests.Requests;

/// <summary>A parent's request, from its checks to what the mairie's decision records.</summary>
public class RequestDeciderTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);
    private static readonly LocalDate Today = new(2026, 10, 1);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());
    private static readonly Actor Parent = Actor.Parent(Guid.NewGuid());
    private static readonly Guid FamilyId = Guid.NewGuid();
    private static readonly Guid ChildId = Guid.NewGuid();
    private static readonly Guid NewId = Guid.NewGuid();
    private static readonly string[] Diets = ["standard", "sans-porc", "vegetarien"];

    private static Family GivenFamily() => Family.Create(new FamilyFileCreated(FamilyId, "Mme", "Claire", "Martin",
            new Address("1 rue", "34120", "Lézignan", null), "claire@example.fr", new Phones(), new Allocataire("Claire Martin", "CAF", "1"),
            650, new LocalDate(2026, 9, 1), 1, Actor.System, At))
        .Apply(new ChildAdded(FamilyId, ChildId, "Léa", "Martin", new LocalDate(2018, 3, 4), "F", Actor.System, At));

    private static FamilyRequest Given(RequestType type, RequestData data) =>
        FamilyRequest.Create(new RequestSubmitted(Guid.NewGuid(), FamilyId, type, data, Parent, At));

    private static RequestDecision Accepting(FamilyRequest request, RequestSubject? subject = null) =>
        RequestDecider.Decide(request, true, null, subject ?? new RequestSubject(GivenFamily()), NewId, Clerk, At.Plus(Duration.FromHours(1)));

    [Fact]
    public void Accepting_a_family_change_records_the_changes_on_the_family_with_the_request_id()
    {
        var request = Given(RequestType.FamilyChange, new RequestData(Changes: new Dictionary<string, string> { ["address.city"] = "Pézenas" }));

        var decision = Accepting(request);

        decision.Conflict.ShouldBeNull();
        decision.Decided.ShouldBe(new RequestDecided(request.Id, true, null, Clerk, At.Plus(Duration.FromHours(1))));
        var changed = decision.FamilyEvents!.ShouldHaveSingleItem().ShouldBeOfType<FamilyDataChanged>();
        changed.Changes["address.city"].ShouldBe("Pézenas");
        changed.RequestId.ShouldBe(request.Id);
        changed.By.ShouldBe(Clerk);
        decision.NewInscription.ShouldBeNull();
    }

    [Fact]
    public void Accepting_a_child_change_records_identity_and_diet_apart()
    {
        var request = Given(RequestType.ChildChange, new RequestData(ChildId: ChildId,
            Changes: new Dictionary<string, string> { ["firstName"] = "Léane", ["diet"] = "vegetarien" }));

        var events = Accepting(request).FamilyEvents!;

        events.OfType<ChildDataChanged>().ShouldHaveSingleItem().Changes.ShouldBe(new Dictionary<string, string> { ["firstName"] = "Léane" });
        var diet = events.OfType<ChildDietSet>().ShouldHaveSingleItem();
        diet.Diet.ShouldBe("vegetarien");
        diet.RequestId.ShouldBe(request.Id);
    }

    [Fact]
    public void A_child_change_for_a_child_who_left_the_family_is_a_conflict_and_records_nothing()
    {
        var request = Given(RequestType.ChildChange, new RequestData(ChildId: Guid.NewGuid(), Changes: new Dictionary<string, string> { ["sex"] = "M" }));

        var decision = Accepting(request);

        decision.Conflict.ShouldBe("Cet enfant ne fait plus partie de la famille.");
        decision.Decided.ShouldBeNull();
        decision.FamilyEvents.ShouldBeNull();
    }

    [Fact]
    public void Accepting_a_new_person_adds_the_child_under_the_given_id()
    {
        var request = Given(RequestType.NewPerson, new RequestData(FirstName: "Hugo", LastName: "Martin", BirthDate: new LocalDate(2021, 5, 6), Sex: "M"));

        var added = Accepting(request).FamilyEvents!.ShouldHaveSingleItem().ShouldBeOfType<ChildAdded>();

        added.ShouldBe(new ChildAdded(FamilyId, NewId, "Hugo", "Martin", new LocalDate(2021, 5, 6), "M", Clerk, At.Plus(Duration.FromHours(1)), request.Id));
    }

    [Fact]
    public void Accepting_a_new_inscription_opens_it_for_the_whole_activity()
    {
        var activity = BookingFixture.Canteen();
        var request = Given(RequestType.NewInscription, new RequestData(ChildId: ChildId, ActivityCode: "CANTINE", Group: "PRIMAIRE"));

        var decision = Accepting(request, new RequestSubject(GivenFamily(), activity, []));

        decision.FamilyEvents.ShouldBeEmpty();
        decision.NewInscription.ShouldBe(new InscriptionOpened(NewId, FamilyId, ChildId, "CANTINE", "PRIMAIRE", activity.From, activity.To,
            Clerk, At.Plus(Duration.FromHours(1))));
    }

    [Fact]
    public void A_new_inscription_is_a_conflict_when_the_child_is_already_inscribed_or_the_activity_is_gone()
    {
        var request = Given(RequestType.NewInscription, new RequestData(ChildId: ChildId, ActivityCode: "CANTINE", Group: "PRIMAIRE"));
        var already = BookingFixture.Child(to: new LocalDate(2026, 12, 18));

        Accepting(request, new RequestSubject(GivenFamily(), BookingFixture.Canteen(), [already])).Conflict
            .ShouldBe("Cet enfant est déjà inscrit à cette activité : la demande ne peut pas être acceptée.");
        Accepting(request, new RequestSubject(GivenFamily())).Conflict.ShouldBe("Cette activité n'existe plus.");
    }

    [Fact]
    public void Refusing_records_the_trimmed_reason_and_changes_nothing()
    {
        var request = Given(RequestType.NewPerson, new RequestData(FirstName: "Hugo", LastName: "Martin", BirthDate: new LocalDate(2021, 5, 6), Sex: "M"));

        var decision = RequestDecider.Decide(request, false, "  pièce manquante ", new RequestSubject(GivenFamily()), NewId, Clerk, At);

        decision.Decided.ShouldBe(new RequestDecided(request.Id, false, "pièce manquante", Clerk, At));
        decision.FamilyEvents.ShouldBeEmpty();
        decision.NewInscription.ShouldBeNull();
    }

    [Fact]
    public void A_decided_or_withdrawn_request_cannot_be_decided_nor_withdrawn_again()
    {
        var request = Given(RequestType.AttestationFiscale, new RequestData(Year: 2025));
        var withdrawn = request.Apply(RequestDecider.Withdraw(request, Parent, At).Cast<RequestWithdrawnByParent>().ShouldHaveSingleItem());
        var decided = request.Apply(Accepting(request).Decided!);

        withdrawn.Status.ShouldBe(RequestStatus.Withdrawn);
        decided.Status.ShouldBe(RequestStatus.Accepted);
        foreach (var done in new[] { withdrawn, decided })
        {
            Accepting(done).Conflict.ShouldBe(RequestDecider.AlreadyDecided);
            RequestDecider.Withdraw(done, Parent, At).ShouldBeEmpty();
        }
    }

    [Fact]
    public void The_decision_is_accept_or_refuse_with_a_short_reason()
    {
        RequestDecider.CheckDecision("accept", null).Any.ShouldBeFalse();
        RequestDecider.CheckDecision("refuse", new string('x', 500)).Any.ShouldBeFalse();
        RequestDecider.CheckDecision("maybe", null).ToDictionary().Keys.ShouldBe(["decision"]);
        RequestDecider.CheckDecision("refuse", new string('x', 501)).ToDictionary().Keys.ShouldBe(["reason"]);
    }

    [Theory]
    [InlineData("2026-10-02", false)] // tomorrow
    [InlineData("2001-10-01", false)] // 25 years old today
    [InlineData("2001-10-02", true)]
    [InlineData("2026-10-01", true)]
    public void A_new_person_is_born_in_the_past_and_less_than_25_years_ago(string born, bool valid)
    {
        var data = new RequestData(FirstName: "Hugo", LastName: "Martin", BirthDate: NodaTime.Text.LocalDatePattern.Iso.Parse(born).Value, Sex: "M");

        var errors = RequestDecider.Check(RequestType.NewPerson, data, new RequestSubject(GivenFamily()), Today, Diets);

        errors.Any.ShouldBe(!valid);
        if (!valid) errors.ToDictionary()["birthDate"].ShouldBe([FamilyRules.BirthDateRule]);
    }

    [Fact]
    public void What_a_request_names_must_be_the_familys()
    {
        var otherInscription = BookingFixture.Child();
        var ownInscription = otherInscription with { FamilyId = FamilyId };
        var family = GivenFamily();

        RequestDecider.Check(RequestType.ChildChange, new RequestData(ChildId: Guid.NewGuid(), Changes: new Dictionary<string, string> { ["sex"] = "M" }),
            new RequestSubject(family), Today, Diets).ToDictionary().Keys.ShouldBe(["childId"]);
        RequestDecider.Check(RequestType.AttestationInscription, new RequestData(InscriptionId: otherInscription.Id),
            new RequestSubject(family, Inscription: otherInscription), Today, Diets).ToDictionary().Keys.ShouldBe(["inscriptionId"]);
        RequestDecider.Check(RequestType.AttestationInscription, new RequestData(InscriptionId: ownInscription.Id),
            new RequestSubject(family, Inscription: ownInscription), Today, Diets).Any.ShouldBeFalse();
        RequestDecider.Check(RequestType.NewInscription, new RequestData(ChildId: ChildId, ActivityCode: "CANTINE", Group: "MATERNELLE"),
            new RequestSubject(family, BookingFixture.Canteen()), Today, Diets).ToDictionary().Keys.ShouldBe(["group"]);
        RequestDecider.Check(RequestType.AttestationFiscale, new RequestData(Year: 2027), new RequestSubject(family), Today, Diets)
            .ToDictionary().Keys.ShouldBe(["year"]);
    }
}
