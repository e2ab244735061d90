using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Documents;
using PortailFamille.Api.Families;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Projections.Money;
using Wolverine.Http;

namespace PortailFamille.Api.Money;

public sealed record Manager(string Name, string Address, string Email, string Phone);

public sealed record AccountView(Instant AsOf, int InvoicesBalanceCents, int FamilyBalanceCents, int UninvoicedCents, int QuotientFamilial,
    LocalDate QuotientFamilialDate, int DependentChildren, bool PaymentAllowed, bool PartialPaymentAllowed, Manager Manager);

public sealed record InscriptionBalanceView(Guid InscriptionId, string Label, string ChildName, int DueCents, int PaidCents, int BalanceCents,
    int UninvoicedCents);

public sealed record InvoiceSummary(Guid InvoiceId, string Number, string Month, LocalDate IssuedOn, int AmountCents, int CreditedCents,
    int PaidCents, int BalanceCents, string Status);

/// <summary>Mon compte: balances, per-inscription detail, invoices and the documents a parent downloads.</summary>
public static class AccountEndpoints
{
    [WolverineGet("/api/account"), Tags("Mon compte")]
    [EndpointSummary("Mon compte")]
    [EndpointDescription("Parents. Solde des factures, situation financière, quotient familial et sa date, enfants à charge, règles de la régie et son gestionnaire.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<AccountView>(200)]
    public static async Task<IResult> Get(ClaimsPrincipal principal, IQuerySession session, IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var family = await ParentFamilyEndpoints.LoadOwnAsync(session, principal, cancellation);
        if (family is null) return Problems.NotFound();
        var ledger = await FamilyLedger.LoadAsync(session, family, Dates.Today(clock, commune.Zone), cancellation);
        var regie = commune.Regie;
        return Results.Ok(new AccountView(clock.GetCurrentInstant(), ledger.InvoicesBalanceCents, ledger.FamilyBalanceCents,
            ledger.Inscriptions.Sum(i => i.UninvoicedCents), family.CurrentQuotient.Value, family.CurrentQuotient.EffectiveFrom,
            family.DependentChildren, regie.PaymentAllowed, regie.PartialPaymentAllowed,
            new Manager(regie.Name, commune.Address, commune.ContactEmail, commune.Phone)));
    }

    /// <summary>"Détail financier par inscription": charged (invoiced or not, less credit notes), paid, balance.</summary>
    [WolverineGet("/api/account/inscriptions"), Tags("Mon compte")]
    [EndpointSummary("Détail financier par inscription")]
    [EndpointDescription("Parents. Par inscription : dû, payé, solde et montant pas encore facturé.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<InscriptionBalanceView[]>(200)]
    public static async Task<IResult> Inscriptions(ClaimsPrincipal principal, IQuerySession session, IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var family = await ParentFamilyEndpoints.LoadOwnAsync(session, principal, cancellation);
        if (family is null) return Problems.NotFound();
        var ledger = await FamilyLedger.LoadAsync(session, family, Dates.Today(clock, commune.Zone), cancellation);
        return Results.Ok(ledger.Inscriptions.Select(i => new InscriptionBalanceView(i.Inscription.Id, i.Activity?.Label ?? i.Inscription.ActivityCode,
            i.Child?.FullName ?? "", i.DueCents, i.PaidCents, i.BalanceCents, i.UninvoicedCents)).ToList());
    }

    [WolverineGet("/api/account/invoices"), Tags("Mon compte")]
    [EndpointSummary("Détail financier par facture")]
    [EndpointDescription("Parents. Les factures de la famille avec leur reste à payer et leur état.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<InvoiceSummary[]>(200)]
    public static async Task<IResult> Invoices(ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellation)
    {
        var familyId = CurrentUser.From(principal).FamilyId;
        if (familyId is null) return Problems.NotFound();
        var invoices = await session.Query<Invoice>().Where(i => i.FamilyId == familyId).ToListAsync(cancellation);
        return Results.Ok(invoices.OrderByDescending(i => i.IssuedAt).ThenByDescending(i => i.Number, StringComparer.Ordinal).Select(Summary).ToList());
    }

    public static InvoiceSummary Summary(Invoice i) =>
        new(i.Id, i.Number, i.Month, i.IssuedOn, i.AmountCents, i.CreditedCents, i.PaidCents, i.BalanceCents, i.Status);

    /// <summary>The attestation fiscale of a year up to the current one, from the payments recorded in that year.</summary>
    [WolverineGet("/api/attestations/fiscale/{year}/pdf"), Tags("Mon compte")]
    [EndpointSummary("L'attestation fiscale d'une année")]
    [EndpointDescription("Parents. Les sommes payées par la famille dans l'année, en PDF.")]
    [Authorize(Roles = Roles.Parent)]
    [Produces("application/pdf")]
    [ProducesResponseType(200)]
    public static async Task<IResult> Fiscal(int year, ClaimsPrincipal principal, IQuerySession session, IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var family = await ParentFamilyEndpoints.LoadOwnAsync(session, principal, cancellation);
        if (family is null) return Problems.NotFound();
        var today = Dates.Today(clock, commune.Zone);
        if (year < 2000 || year > today.Year) return Problems.Invalid("year", $"L'année doit être comprise entre 2000 et {today.Year}.");
        return Results.File(await FiscalPdfAsync(session, family, year, commune, today, cancellation), "application/pdf", $"attestation-fiscale-{year}.pdf");
    }

    public static async Task<byte[]> FiscalPdfAsync(IQuerySession session, Family family, int year, CommuneSettings commune, LocalDate today,
        CancellationToken cancellation)
    {
        var accounts = await session.Query<InscriptionAccount>().Where(a => a.FamilyId == family.Id).ToListAsync(cancellation);
        var codes = accounts.Select(a => a.ActivityCode).Distinct().Select(Activity.StreamIdFor).ToArray();
        var activities = codes.Length == 0 ? [] : (await session.LoadManyAsync<Activity>(cancellation, codes)).ToDictionary(a => a.Code);
        var amounts = FiscalAttestation.PaidForChildcare(year, family.Children, accounts.Select(a => new FiscalAttestation.Paid(
            a.ChildId, activities.GetValueOrDefault(a.ActivityCode)?.MealUnits ?? [], a.Paid.Select(p => (p.PaidOn, p.Unit, p.AmountCents)).ToList())));
        var children = amounts.Select(a => new FiscalAttestationPdf.ChildAmount(a.Child.FullName, a.Child.BirthDate, a.PaidCents)).ToList();
        return FiscalAttestationPdf.Render(commune, $"{family.Civility} {family.FirstName} {family.LastName}", year, children, today);
    }

    [WolverineGet("/api/attestations/inscription/{inscriptionId}/pdf"), Tags("Mon compte")]
    [EndpointSummary("L'attestation d'inscription")]
    [EndpointDescription("Parents, pour leurs propres inscriptions (autre famille : 404), en PDF.")]
    [Authorize(Roles = Roles.Parent)]
    [Produces("application/pdf")]
    [ProducesResponseType(200)]
    public static async Task<IResult> Inscription(Guid inscriptionId, ClaimsPrincipal principal, IQuerySession session, IClock clock,
        CommuneSettings commune, CancellationToken cancellation)
    {
        var inscription = inscriptionId == Guid.Empty ? null : await session.LoadAsync<Inscription>(inscriptionId, cancellation);
        var family = inscription is null ? null : await ParentFamilyEndpoints.LoadOwnAsync(session, principal, cancellation);
        if (inscription is null || family?.Id != inscription.FamilyId) return Problems.NotFound("Aucune inscription avec cet identifiant.");
        var pdf = await InscriptionAttestationAsync(session, family, inscription, commune, Dates.Today(clock, commune.Zone), cancellation);
        return pdf is null ? Problems.NotFound("Aucune inscription avec cet identifiant.") : Results.File(pdf, "application/pdf", "attestation-inscription.pdf");
    }

    public static async Task<byte[]?> InscriptionAttestationAsync(IQuerySession session, Family family, Inscription inscription,
        CommuneSettings commune, LocalDate today, CancellationToken cancellation)
    {
        var child = family.ChildById(inscription.ChildId);
        if (child is null) return null;
        var activity = await session.LoadAsync<Activity>(Activity.StreamIdFor(inscription.ActivityCode), cancellation);
        return AttestationPdf.Inscription(commune, new AttestationPdf.Content($"{family.Civility} {family.FirstName} {family.LastName}",
            child.FullName, child.BirthDate, activity?.Label ?? inscription.ActivityCode, activity?.Equipment ?? "", inscription.Group,
            inscription.From, inscription.To, today));
    }
}
