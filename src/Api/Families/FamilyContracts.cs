using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Families;

public sealed record ChildView(Guid ChildId, string FirstName, string LastName, LocalDate BirthDate, int Age, string Sex, string Diet = ChildDiet.Standard,
    string? Pai = null);

public sealed record InscriptionView(
    Guid InscriptionId, Guid ChildId, string ChildName, string ActivityCode, string Label, string Equipment,
    LocalDate From, LocalDate To, string Group, string? Stop = null);

public sealed record FamilyView(
    Guid FamilyId, string Civility, string FirstName, string LastName, Address Address, string Email, Phones Phones,
    Allocataire Allocataire, int QuotientFamilial, LocalDate QuotientFamilialDate, int DependentChildren,
    IReadOnlyList<ChildView> Children, IReadOnlyList<InscriptionView>? Inscriptions = null)
{
    public static FamilyView Of(Family f, LocalDate today, IReadOnlyList<InscriptionView>? inscriptions = null) => new(
        f.Id, f.Civility, f.FirstName, f.LastName, f.Address, f.Email, f.Phones, f.Allocataire,
        f.CurrentQuotient.Value, f.CurrentQuotient.EffectiveFrom, f.DependentChildren,
        f.Children.Select(c => new ChildView(c.ChildId, c.FirstName, c.LastName, c.BirthDate, c.AgeOn(today), c.Sex, c.Diet, c.Pai)).ToList(),
        inscriptions);
}

public static class InscriptionViews
{
    public static IReadOnlyList<InscriptionView> Of(Family family, IEnumerable<Inscription> inscriptions, IReadOnlyDictionary<string, Activity> activities) =>
        inscriptions.OrderBy(i => i.From).ThenBy(i => i.ActivityCode).Select(i =>
        {
            var activity = activities.GetValueOrDefault(i.ActivityCode);
            return new InscriptionView(i.Id, i.ChildId, family.ChildById(i.ChildId)?.FullName ?? "", i.ActivityCode,
                activity?.Label ?? i.ActivityCode, activity?.Equipment ?? "", i.From, i.To, i.Group, i.Stop);
        }).ToList();
}
