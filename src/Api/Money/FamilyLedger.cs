using Marten;
using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Projections.Money;

namespace PortailFamille.Api.Money;

/// <summary>One inscription's money: what the invoices froze on it (minus credit notes), what it has cost since
/// in months not yet invoiced, and what payments settled on it.</summary>
public sealed record InscriptionLedger(Inscription Inscription, Activity? Activity, Child? Child, InscriptionAccount? Account, int UninvoicedCents)
{
    public int DueCents => (Account?.ChargedCents ?? 0) - (Account?.CreditedCents ?? 0) + UninvoicedCents;
    public int PaidCents => Account?.PaidCents ?? 0;
    public int BalanceCents => DueCents - PaidCents;
}

/// <summary>A family's money as of a day, from the account projections plus the charges not yet invoiced.</summary>
public sealed record FamilyLedger(Family Family, FamilyAccount? Account, IReadOnlyList<InscriptionLedger> Inscriptions)
{
    public int InvoicesBalanceCents => Account?.InvoicesBalanceCents ?? 0;

    /// <summary>The guide's "situation financière": every charge so far, invoiced or not, minus payments.</summary>
    public int FamilyBalanceCents => Inscriptions.Sum(i => i.BalanceCents);

    /// <summary>Days up to <paramref name="today"/> count; months already invoiced for the family are in its invoices.</summary>
    public static async Task<FamilyLedger> LoadAsync(IQuerySession session, Family family, LocalDate today, CancellationToken cancellation)
    {
        var inscriptions = await session.Query<Inscription>().Where(i => i.FamilyId == family.Id).ToListAsync(cancellation);
        var accounts = (await session.Query<InscriptionAccount>().Where(a => a.FamilyId == family.Id).ToListAsync(cancellation)).ToDictionary(a => a.Id);
        var familyAccount = await session.LoadAsync<FamilyAccount>(family.Id, cancellation);
        var codes = inscriptions.Select(i => i.ActivityCode).Distinct().Select(Activity.StreamIdFor).ToArray();
        var activities = codes.Length == 0 ? new Dictionary<string, Activity>()
            : (await session.LoadManyAsync<Activity>(cancellation, codes)).ToDictionary(a => a.Code);
        var invoiced = familyAccount?.InvoicedMonths.ToHashSet() ?? [];

        var ledgers = inscriptions.OrderBy(i => i.From).ThenBy(i => i.ActivityCode).Select(i =>
        {
            var activity = activities.GetValueOrDefault(i.ActivityCode);
            var uninvoiced = activity is null || i.From > today ? 0
                : Charging.Days(i, activity, family, i.From, today < i.To ? today : i.To)
                    .Where(d => !invoiced.Contains(Charging.MonthOf(d.Date))).Sum(d => d.PriceCents);
            return new InscriptionLedger(i, activity, family.ChildById(i.ChildId), accounts.GetValueOrDefault(i.Id), uninvoiced);
        }).ToList();
        return new FamilyLedger(family, familyAccount, ledgers);
    }
}
