using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>The two kinds of PAI the kitchen prepares for: an adapted meal, or the family's packed lunch.</summary>
public static class PaiKinds
{
    public const string AdaptedMeal = "repas-adapte";
    public const string PackedLunch = "panier-repas";
    public static readonly string[] All = [AdaptedMeal, PackedLunch];
}

/// <summary>A child's diet and PAI, set by staff: health data (RGPD article 9), kept to what the kitchen needs.</summary>
public static class ChildDiet
{
    public const string Standard = "standard";

    /// <summary>The diet must be one of the commune's list; a PAI, when there is one, one of <see cref="PaiKinds"/>.</summary>
    public static Errors Check(string? diet, string? pai, IReadOnlyCollection<string> diets) => new Errors()
        .Require(diet is not null && diets.Contains(diet), "diet", $"Le régime doit être l'un de : {string.Join(", ", diets)}.")
        .Require(pai is null || PaiKinds.All.Contains(pai), "pai", $"Le PAI doit être l'un de : {string.Join(", ", PaiKinds.All)} (ou absent).");

    /// <summary>One event when the diet or the PAI changes, none when they are already so. The child must be the family's.</summary>
    public static IReadOnlyList<object> Set(Family family, Guid childId, string diet, string? pai, Actor by, Instant at)
    {
        var child = family.ChildById(childId) ?? throw new ArgumentException("Not a child of this family.", nameof(childId));
        return child.Diet == diet && child.Pai == pai ? [] : [new ChildDietSet(family.Id, childId, diet, pai, by, at)];
    }
}
