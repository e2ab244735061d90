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

    /// <summary>Child fields a parent may ask to change: identity, and the meal diet and PAI (health data, set once staff accept).</summary>
    public static readonly string[] ChildFields = ["firstName", "lastName", "birthDate", "sex", "diet", "pai"];

    /// <summary>The value a child-change request gives "pai" to say the PAI ends.</summary>
    public const string NoPai = "aucun";

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

    public static void CheckChildChanges(Errors errors, IReadOnlyDictionary<string, string>? changes, LocalDate today, IReadOnlyCollection<string> diets)
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
                "diet" => diets.Contains(value),
                "pai" => value == NoPai || PaiKinds.All.Contains(value),
                _ => !string.IsNullOrWhiteSpace(value) && value.Length <= 100,
            };
            errors.Require(ok, key, field switch
            {
                "diet" => $"Le régime doit être l'un de : {string.Join(", ", diets)}.",
                "pai" => $"Le PAI doit être l'un de : {NoPai}, {string.Join(", ", PaiKinds.All)}.",
                _ => $"Valeur invalide pour {field}.",
            });
        }
    }

    /// <summary>What an accepted child-change request records: the identity fields changed, and the diet or PAI set
    /// (a field already so records nothing). The child must still be the family's.</summary>
    public static IReadOnlyList<object> AcceptChildChange(Family family, Guid childId, IReadOnlyDictionary<string, string> changes,
        Actor by, Instant at, Guid requestId)
    {
        var child = family.ChildById(childId) ?? throw new ArgumentException("Not a child of this family.", nameof(childId));
        var events = new List<object>();
        var identity = changes.Where(c => c.Key is not ("diet" or "pai")).ToDictionary(c => c.Key, c => c.Value);
        if (identity.Count > 0) events.Add(new ChildDataChanged(family.Id, childId, identity, by, at, requestId));
        var diet = changes.GetValueOrDefault("diet") ?? child.Diet;
        var pai = changes.TryGetValue("pai", out var asked) ? (asked == NoPai ? null : asked) : child.Pai;
        events.AddRange(ChildDiet.Set(family, childId, diet, pai, by, at).Cast<ChildDietSet>().Select(e => e with { RequestId = requestId }));
        return events;
    }
}
