using Marten;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Privacy;

/// <summary>
/// What erasure removes from the events (Marten's protected-information masking): names, contacts, address,
/// allocataire, birth dates and free text. Identifiers, dates of service, amounts, invoice numbers and the
/// instants and authors of every fact stay, so the accounts still add up and the audit still replays.
/// </summary>
public static class PersonalDataMasking
{
    public const string Erased = "[effacé]";
    /// <summary>A birth date that says nothing (the age brackets of an erased child are no longer needed).</summary>
    public static readonly NodaTime.LocalDate ErasedBirthDate = new(1900, 1, 1);

    private static readonly Address ErasedAddress = new(Erased, "00000", Erased);

    public static void AddRules(StoreOptions opts)
    {
        var events = opts.Events;
        events.AddMaskingRuleForProtectedInformation<FamilyFileCreated>(e => e with
        {
            FirstName = Erased, LastName = Erased, Address = ErasedAddress, Email = Erased, Phones = new Phones(), Allocataire = new Allocataire(),
        });
        events.AddMaskingRuleForProtectedInformation<FamilyEmailChanged>(e => e with { Email = Erased });
        events.AddMaskingRuleForProtectedInformation<FamilyPhonesChanged>(e => e with { Phones = new Phones() });
        events.AddMaskingRuleForProtectedInformation<FamilyDataChanged>(e => e with { Changes = Masked(e.Changes) });
        events.AddMaskingRuleForProtectedInformation<ChildAdded>(e => e with { FirstName = Erased, LastName = Erased, BirthDate = ErasedBirthDate });
        events.AddMaskingRuleForProtectedInformation<ChildDataChanged>(e => e with { Changes = Masked(e.Changes) });
        events.AddMaskingRuleForProtectedInformation<ChildDietSet>(e => e with { Diet = Erased, Pai = null });
        events.AddMaskingRuleForProtectedInformation<RequestSubmitted>(e => e with
        {
            Data = e.Data with
            {
                Changes = e.Data.Changes is null ? null : Masked(e.Data.Changes),
                FirstName = e.Data.FirstName is null ? null : Erased, LastName = e.Data.LastName is null ? null : Erased,
                BirthDate = e.Data.BirthDate is null ? null : ErasedBirthDate,
            },
        });
        events.AddMaskingRuleForProtectedInformation<RequestDecided>(e => e with { Reason = e.Reason is null ? null : Erased });
        events.AddMaskingRuleForProtectedInformation<InvoiceIssued>(e => e with
        {
            To = new Addressee(Erased, Erased, null, "00000", Erased), Lines = e.Lines.Select(l => l with { ChildName = Erased }).ToList(),
        });
        events.AddMaskingRuleForProtectedInformation<MonthCharged>(e => e with { Lines = e.Lines.Select(l => l with { ChildName = Erased }).ToList() });
        events.AddMaskingRuleForProtectedInformation<CreditNoteIssued>(e => e with { Reason = Erased });
        // Free text staff typed about the family: a booking request refused with a reason, the erasure's own reason.
        events.AddMaskingRuleForProtectedInformation<Domain.Bookings.RequestRefused>(e => e with { Reason = e.Reason is null ? null : Erased });
        events.AddMaskingRuleForProtectedInformation<FamilyErased>(e => e with { Reason = Erased });
    }

    /// <summary>Every changed value of a data change (field names stay: they say what changed, not to what).</summary>
    private static IReadOnlyDictionary<string, string> Masked(IReadOnlyDictionary<string, string> changes) =>
        changes.ToDictionary(c => c.Key, c => c.Key == "dependentChildren" ? c.Value : c.Key == "birthDate" ? "1900-01-01" : Erased);
}
