using NodaTime;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Money;

/// <summary>
/// What the attestation fiscale certifies: for each child under six on 1 January of the year, the amounts paid
/// during that year for childcare, i.e. every unit of the child's activities except meals (the activity's
/// <c>mealUnits</c>). Paid means recorded as paid in that year, whatever month the service was.
/// </summary>
public static class FiscalAttestation
{
    public sealed record Paid(Guid ChildId, IReadOnlyList<string> MealUnits, IReadOnlyList<(LocalDate PaidOn, string Unit, int AmountCents)> Parts);

    public sealed record ChildAmount(Child Child, long PaidCents);

    public static IReadOnlyList<ChildAmount> PaidForChildcare(int year, IReadOnlyList<Child> children, IEnumerable<Paid> paid)
    {
        var firstJanuary = new LocalDate(year, 1, 1);
        var byChild = paid.GroupBy(p => p.ChildId).ToDictionary(g => g.Key, g => g.Sum(p =>
            p.Parts.Where(part => part.PaidOn.Year == year && !p.MealUnits.Contains(part.Unit)).Sum(part => (long)part.AmountCents)));
        return children.Where(c => c.AgeOn(firstJanuary) < 6) // children born during the year count too
            .Select(c => new ChildAmount(c, byChild.GetValueOrDefault(c.ChildId)))
            .OrderBy(c => c.Child.BirthDate).ToList();
    }
}
