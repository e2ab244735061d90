using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>The paper form's fields, as staff write them on the family file (the e-mail and the QF have their own commands).</summary>
public sealed record FamilyFileFields(
    string Civility, string FirstName, string LastName, Address Address, Phones Phones, Allocataire Allocataire, int DependentChildren);

/// <summary>A child's own data, as staff write them.</summary>
public sealed record ChildFields(string FirstName, string LastName, LocalDate BirthDate, string Sex);

/// <summary>
/// Staff editing the family file directly (the guide: the service des inscriptions keeps every file). Each edit
/// records only what changed, with its author, so the parent's dashboard and the audit say what the mairie did.
/// </summary>
public static class FamilyFile
{
    public static Errors Check(FamilyFileFields f)
    {
        var errors = new Errors()
            .Require(FamilyRules.Civilities.Contains(f.Civility), "civility", "La civilité doit être « M » ou « Mme ».")
            .RequireText(f.FirstName, "firstName", "Le prénom", 100)
            .RequireText(f.LastName, "lastName", "Le nom", 100);
        CheckAddress(errors, "address", f.Address);
        CheckAllocataire(errors, "allocataire", f.Allocataire);
        FamilyRules.CheckPhones(errors, "phones", f.Phones);
        return errors.Require(f.DependentChildren is >= 0 and <= 30, "dependentChildren", "Le nombre d'enfants à charge doit être compris entre 0 et 30.");
    }

    public static void CheckAddress(Errors errors, string field, Address? address)
    {
        if (address is null) { errors.Add(field, "L'adresse est obligatoire."); return; }
        errors.RequireText(address.Line1, $"{field}.line1", "L'adresse")
            .Require(address.Line2 is null || address.Line2.Length <= 200, $"{field}.line2", "Le complément d'adresse ne doit pas dépasser 200 caractères.")
            .Require(address.PostalCode is { Length: 5 } && address.PostalCode.All(char.IsAsciiDigit), $"{field}.postalCode", "Le code postal doit comporter 5 chiffres.")
            .RequireText(address.City, $"{field}.city", "La commune", 100);
    }

    public static void CheckAllocataire(Errors errors, string field, Allocataire? allocataire)
    {
        if (allocataire is null) return;
        errors.Require(allocataire.Regime is null || FamilyRules.Regimes.Contains(allocataire.Regime), $"{field}.regime", "Le régime doit être CAF, MSA ou AUTRE.")
            .Require(allocataire.Name is null || allocataire.Name.Length <= 200, $"{field}.name", "Le nom de l'allocataire ne doit pas dépasser 200 caractères.")
            .Require(allocataire.Number is null || (allocataire.Number.Length <= 20 && allocataire.Number.All(char.IsAsciiLetterOrDigit)),
                $"{field}.number", "Le numéro d'allocataire doit comporter au plus 20 lettres ou chiffres.");
    }

    public static Errors CheckChild(ChildFields c, LocalDate today)
    {
        var errors = new Errors()
            .RequireText(c.FirstName, "firstName", "Le prénom", 100)
            .RequireText(c.LastName, "lastName", "Le nom", 100)
            .Require(FamilyRules.Sexes.Contains(c.Sex), "sex", "Le sexe doit être « M » ou « F ».");
        return FamilyRules.CheckBirthDate(errors, "birthDate", c.BirthDate, today);
    }

    /// <summary>Blank optional values are absent, text is trimmed: the same file written twice changes nothing.</summary>
    public static FamilyFileFields Normalized(FamilyFileFields f) => f with
    {
        FirstName = f.FirstName.Trim(), LastName = f.LastName.Trim(),
        Address = new Address(f.Address.Line1.Trim(), f.Address.PostalCode.Trim(), f.Address.City.Trim(), Blank(f.Address.Line2)),
        Phones = new Phones(Blank(f.Phones.Home), Blank(f.Phones.Mobile1), Blank(f.Phones.Mobile2), Blank(f.Phones.Work1), Blank(f.Phones.Work2)),
        Allocataire = new Allocataire(Blank(f.Allocataire.Name), Blank(f.Allocataire.Regime), Blank(f.Allocataire.Number)),
    };

    /// <summary>The events that bring the file to these fields: the changed data (one event), the phones (their own event, as a parent's change is).</summary>
    public static IReadOnlyList<object> Edit(Family family, FamilyFileFields fields, Actor by, Instant at)
    {
        var f = Normalized(fields);
        var changes = new Dictionary<string, string>();
        void Compare(string key, string? now, string? wanted)
        {
            if (!string.Equals(now ?? "", wanted ?? "", StringComparison.Ordinal)) changes[key] = wanted ?? "";
        }
        Compare("civility", family.Civility, f.Civility);
        Compare("firstName", family.FirstName, f.FirstName);
        Compare("lastName", family.LastName, f.LastName);
        Compare("address.line1", family.Address.Line1, f.Address.Line1);
        Compare("address.line2", family.Address.Line2, f.Address.Line2);
        Compare("address.postalCode", family.Address.PostalCode, f.Address.PostalCode);
        Compare("address.city", family.Address.City, f.Address.City);
        Compare("allocataire.name", family.Allocataire.Name, f.Allocataire.Name);
        Compare("allocataire.regime", family.Allocataire.Regime, f.Allocataire.Regime);
        Compare("allocataire.number", family.Allocataire.Number, f.Allocataire.Number);
        Compare("dependentChildren", family.DependentChildren.ToString(CultureInfo.InvariantCulture), f.DependentChildren.ToString(CultureInfo.InvariantCulture));

        var events = new List<object>();
        if (changes.Count > 0) events.Add(new FamilyDataChanged(family.Id, changes, by, at));
        if (f.Phones != family.Phones) events.Add(new FamilyPhonesChanged(family.Id, f.Phones, by, at));
        return events;
    }

    /// <summary>The child's changed data as one event; nothing when nothing changed. The child must be the family's (the caller checks it).</summary>
    public static IReadOnlyList<object> EditChild(Family family, Guid childId, ChildFields fields, Actor by, Instant at)
    {
        var child = family.ChildById(childId) ?? throw new ArgumentException("Not a child of this family.", nameof(childId));
        var changes = new Dictionary<string, string>();
        if (child.FirstName != fields.FirstName.Trim()) changes["firstName"] = fields.FirstName.Trim();
        if (child.LastName != fields.LastName.Trim()) changes["lastName"] = fields.LastName.Trim();
        if (child.BirthDate != fields.BirthDate) changes["birthDate"] = LocalDatePattern.Iso.Format(fields.BirthDate);
        if (child.Sex != fields.Sex) changes["sex"] = fields.Sex;
        return changes.Count == 0 ? [] : [new ChildDataChanged(family.Id, childId, changes, by, at)];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
