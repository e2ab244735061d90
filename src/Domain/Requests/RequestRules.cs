using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Requests;

/// <summary>What each type of request may change, and the checks on the new values.</summary>
public static class RequestRules
{
    /// <summary>Family fields a parent may ask to change (phones are changed directly; the e-mail only by staff).</summary>
    public static readonly string[] FamilyFields =
    [
        "civility", "firstName", "lastName", "address.line1", "address.line2", "address.postalCode", "address.city",
        "allocataire.name", "allocataire.regime", "allocataire.number", "dependentChildren",
    ];

    public static readonly string[] ChildFields = ["firstName", "lastName", "birthDate", "sex"];

    public static void CheckFamilyChanges(Errors errors, IReadOnlyDictionary<string, string>? changes)
    {
        if (changes is null || changes.Count == 0) { errors.Add("changes", "Indiquez au moins une donnée à modifier."); return; }
        foreach (var (field, value) in changes)
        {
            var key = $"changes.{field}";
            if (!FamilyFields.Contains(field)) { errors.Add(key, "Cette donnée ne peut pas être modifiée par une demande (le téléphone se modifie directement, l'e-mail en mairie)."); continue; }
            var ok = field switch
            {
                "civility" => FamilyRules.Civilities.Contains(value),
                "allocataire.regime" => FamilyRules.Regimes.Contains(value),
                "address.postalCode" => value.Length == 5 && value.All(char.IsAsciiDigit),
                "allocataire.number" => value.Length <= 20 && value.All(char.IsAsciiLetterOrDigit),
                "dependentChildren" => int.TryParse(value, out var n) && n is >= 0 and <= 30,
                "address.line2" => value.Length <= 200,
                _ => !string.IsNullOrWhiteSpace(value) && value.Length <= 200,
            };
            errors.Require(ok, key, $"Valeur invalide pour {field}.");
        }
    }

    public static void CheckChildChanges(Errors errors, IReadOnlyDictionary<string, string>? changes, LocalDate today)
    {
        if (changes is null || changes.Count == 0) { errors.Add("changes", "Indiquez au moins une donnée à modifier."); return; }
        foreach (var (field, value) in changes)
        {
            var key = $"changes.{field}";
            if (!ChildFields.Contains(field)) { errors.Add(key, "Cette donnée ne peut pas être modifiée."); continue; }
            var ok = field switch
            {
                "sex" => FamilyRules.Sexes.Contains(value),
                "birthDate" => LocalDatePattern.Iso.Parse(value) is { Success: true } d && FamilyRules.IsBirthDate(d.Value, today),
                _ => !string.IsNullOrWhiteSpace(value) && value.Length <= 100,
            };
            errors.Require(ok, key, $"Valeur invalide pour {field}.");
        }
    }
}
