using NodaTime;

namespace PortailFamille.Domain.Families;

/// <param name="Diet">The meal diet (a code of the commune's list; standard by default).</param>
/// <param name="Pai">The kind of PAI when one applies (<see cref="PaiKinds"/>), else null.</param>
public sealed record Child(Guid ChildId, string FirstName, string LastName, LocalDate BirthDate, string Sex, string Diet = ChildDiet.Standard, string? Pai = null)
{
    public int AgeOn(LocalDate today) => Period.Between(BirthDate, today, PeriodUnits.Years).Years;
    public string FullName => $"{FirstName} {LastName}";
}

public sealed record QuotientFamilialEntry(int Value, LocalDate EffectiveFrom, Instant RecordedAt);

/// <summary>The family file (fiche famille) as its stream says it is now.</summary>
public sealed record Family(
    Guid Id, string Civility, string FirstName, string LastName, Address Address, string Email, Phones Phones,
    Allocataire Allocataire, int DependentChildren, IReadOnlyList<QuotientFamilialEntry> QuotientHistory,
    IReadOnlyList<Child> Children, Instant? ErasedAt = null, Instant? ErasureCompletedAt = null)
{
    public static Family Create(FamilyFileCreated e) => new(
        e.FamilyId, e.Civility, e.FirstName, e.LastName, e.Address, e.Email, e.Phones, e.Allocataire,
        e.DependentChildren, [new QuotientFamilialEntry(e.QuotientFamilial, e.QuotientFamilialDate, e.At)], []);

    public Family Apply(FamilyEmailChanged e) => this with { Email = e.Email };

    public Family Apply(FamilyErased e) => this with { ErasedAt = e.At };

    public Family Apply(FamilyErasureCompleted e) => this with { ErasureCompletedAt = e.At };

    /// <summary>Erasure began (the login is gone) but its masking is not done yet.</summary>
    public bool ErasureUnfinished => ErasedAt is not null && ErasureCompletedAt is null;

    public Family Apply(FamilyPhonesChanged e) => this with { Phones = e.Phones };

    public Family Apply(QuotientFamilialChanged e) =>
        this with { QuotientHistory = [.. QuotientHistory, new QuotientFamilialEntry(e.QuotientFamilial, e.EffectiveFrom, e.At)] };

    public Family Apply(ChildAdded e) =>
        this with { Children = [.. Children, new Child(e.ChildId, e.FirstName, e.LastName, e.BirthDate, e.Sex)] };

    public Family Apply(FamilyDataChanged e) => e.Changes.Aggregate(this, (f, c) => c.Key switch
    {
        "civility" => f with { Civility = c.Value },
        "firstName" => f with { FirstName = c.Value },
        "lastName" => f with { LastName = c.Value },
        "address.line1" => f with { Address = f.Address with { Line1 = c.Value } },
        "address.line2" => f with { Address = f.Address with { Line2 = c.Value.Length == 0 ? null : c.Value } },
        "address.postalCode" => f with { Address = f.Address with { PostalCode = c.Value } },
        "address.city" => f with { Address = f.Address with { City = c.Value } },
        "allocataire.name" => f with { Allocataire = f.Allocataire with { Name = c.Value.Length == 0 ? null : c.Value } },
        "allocataire.regime" => f with { Allocataire = f.Allocataire with { Regime = c.Value.Length == 0 ? null : c.Value } },
        "allocataire.number" => f with { Allocataire = f.Allocataire with { Number = c.Value.Length == 0 ? null : c.Value } },
        "dependentChildren" => f with { DependentChildren = int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture) },
        _ => f,
    });

    public Family Apply(ChildDietSet e) => this with
    {
        Children = Children.Select(child => child.ChildId != e.ChildId ? child : child with { Diet = e.Diet, Pai = e.Pai }).ToList(),
    };

    public Family Apply(ChildDataChanged e) => this with
    {
        Children = Children.Select(child => child.ChildId != e.ChildId ? child : e.Changes.Aggregate(child, (ch, c) => c.Key switch
        {
            "firstName" => ch with { FirstName = c.Value },
            "lastName" => ch with { LastName = c.Value },
            "birthDate" => ch with { BirthDate = NodaTime.Text.LocalDatePattern.Iso.Parse(c.Value).Value },
            "sex" => ch with { Sex = c.Value },
            _ => ch,
        })).ToList(),
    };

    /// <summary>The QF last recorded (what the account page shows).</summary>
    public QuotientFamilialEntry CurrentQuotient => QuotientHistory[^1];

    /// <summary>The QF in force for a service day: the latest recorded entry effective on or before it.</summary>
    public int QuotientOn(LocalDate day) =>
        QuotientHistory.Where(q => q.EffectiveFrom <= day).OrderBy(q => q.EffectiveFrom).ThenBy(q => q.RecordedAt)
            .LastOrDefault()?.Value ?? QuotientHistory[0].Value;

    public Child? ChildById(Guid childId) => Children.FirstOrDefault(c => c.ChildId == childId);

    /// <summary>Stored with the document so staff search is one indexed-friendly query.</summary>
    public string SearchText => string.Join(' ', new[] { FirstName, LastName, Email }
        .Concat(Children.SelectMany(c => new[] { c.FirstName, c.LastName }))).ToLowerInvariant();

    public IReadOnlyList<Guid> ChildIds => Children.Select(c => c.ChildId).ToList();
}
