using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>The family's e-mail address, which is also the parent's login: only staff change it, and never to an address
/// another account uses.</summary>
public static class FamilyContact
{
    public const string EmailTaken = "Cette adresse e-mail est déjà utilisée par un autre compte.";

    public static Errors CheckEmail(string? email) => new Errors().Require(FamilyRules.IsEmail(email), "email", "Adresse e-mail invalide.");

    /// <summary>The change, or nothing when the address (once normalized) is the family's already.</summary>
    public static IReadOnlyList<FamilyEmailChanged> ChangeEmail(Family family, string email, Actor by, Instant at) =>
        FamilyRules.NormalizeEmail(email) is var normalized && normalized == family.Email ? [] : [new FamilyEmailChanged(family.Id, normalized, by, at)];

    /// <summary>The parent's five numbers as given (an absent one cleared); the same numbers record nothing.</summary>
    public static IReadOnlyList<FamilyPhonesChanged> ChangePhones(Family family, Phones phones, Actor by, Instant at) =>
        phones == family.Phones ? [] : [new FamilyPhonesChanged(family.Id, phones, by, at)];

    public static QuotientFamilialChanged ChangeQuotient(Family family, int quotient, LocalDate effectiveFrom, Actor by, Instant at) =>
        new(family.Id, quotient, effectiveFrom, by, at);

    /// <summary>A child added by staff from the paper form (a parent asks through a request instead).</summary>
    public static ChildAdded AddChild(Family family, Guid childId, ChildFields child, Actor by, Instant at) =>
        new(family.Id, childId, child.FirstName.Trim(), child.LastName.Trim(), child.BirthDate, child.Sex, by, at);
}
