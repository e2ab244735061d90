using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Documents;
using PortailFamille.Api.Families;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
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
    int PaidCents, int BalanceCents, InvoiceStatus Status);

/// <summary>Mon compte: balances, per-inscription detail, invoices and the documents a parent downloads. Each reads the
/// parent's own family (<see cref="MyFamilyEndpoint"/>'s rule: a token without one finds nothing).</summary>
public static class MyAccountEndpoint
{
    public static Task<Family?> LoadAsync([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Family? family) => family is null ? ParentFamilyEndpoints.Missing : WolverineContinue.NoProblems;

    [WolverineGet("/api/account"), Tags("Mon compte")]
    [EndpointSummary("Mon compte")]
    [EndpointDescription("Parents. Solde des factures, situation financière, quotient familial et sa date, enfants à charge, règles de la régie et son gestionnaire.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<AccountView>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<AccountView> Get([NotBody] Family family, IQuerySession session, Moment moment, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var ledger = await FamilyLedger.LoadAsync(session, family, moment.Today, cancellation);
        var regie = commune.Regie;
        return new AccountView(moment.At, ledger.InvoicesBalanceCents, ledger.FamilyBalanceCents,
            ledger.Inscriptions.Sum(i => i.UninvoicedCents), family.CurrentQuotient.Value, family.CurrentQuotient.EffectiveFrom,
            family.DependentChildren, regie.PaymentAllowed, regie.PartialPaymentAllowed,
            new Manager(regie.Name, commune.Address, commune.ContactEmail, commune.Phone));
    }
}

public static class MyInscriptionBalancesEndpoint
{
    public static Task<Family?> LoadAsync([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Family? family) => family is null ? ParentFamilyEndpoints.Missing : WolverineContinue.NoProblems;

    /// <summary>"Détail financier par inscription": charged (invoiced or not, less credit notes), paid, balance.</summary>
    [WolverineGet("/api/account/inscriptions"), Tags("Mon compte")]
    [EndpointSummary("Détail financier par inscription")]
    [EndpointDescription("Parents. Par inscription : dû, payé, solde et montant pas encore facturé.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<InscriptionBalanceView[]>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<List<InscriptionBalanceView>> Get([NotBody] Family family, IQuerySession session, Moment moment, CancellationToken cancellation)
    {
        var ledger = await FamilyLedger.LoadAsync(session, family, moment.Today, cancellation);
        return ledger.Inscriptions.Select(i => new InscriptionBalanceView(i.Inscription.Id, i.Activity?.Label ?? i.Inscription.ActivityCode,
            i.Child?.FullName ?? "", i.DueCents, i.PaidCents, i.BalanceCents, i.UninvoicedCents)).ToList();
    }
}

public static class MyInvoicesEndpoint
{
    public static ProblemDetails Validate([NotBody] CurrentUser user) => user.FamilyId is null ? ParentFamilyEndpoints.Missing : WolverineContinue.NoProblems;

    [WolverineGet("/api/account/invoices"), Tags("Mon compte")]
    [EndpointSummary("Détail financier par facture")]
    [EndpointDescription("Parents. Les factures de la famille avec leur reste à payer et leur état.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<InvoiceSummary[]>(200), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<List<InvoiceSummary>> Get([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation)
    {
        var invoices = await session.Query<Invoice>().Where(i => i.FamilyId == user.FamilyId).ToListAsync(cancellation);
        return invoices.OrderByDescending(i => i.IssuedAt).ThenByDescending(i => i.Number, StringComparer.Ordinal).Select(AccountDocuments.Summary).ToList();
    }
}

public static class FiscalAttestationEndpoint
{
    public static Task<Family?> LoadAsync([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);

    public static ProblemDetails Validate(int year, [NotBody] Family? family, Moment moment) =>
        family is null ? ParentFamilyEndpoints.Missing
        : year < 2000 || year > moment.Today.Year
            ? Problems.InvalidDetails(new Errors().Add("year", $"L'année doit être comprise entre 2000 et {moment.Today.Year}."),
                $"L'année doit être comprise entre 2000 et {moment.Today.Year}.")
        : WolverineContinue.NoProblems;

    /// <summary>The attestation fiscale of a year up to the current one, from the payments recorded in that year.</summary>
    [WolverineGet("/api/attestations/fiscale/{year}/pdf"), Tags("Mon compte")]
    [EndpointSummary("L'attestation fiscale d'une année")]
    [EndpointDescription("Parents. Les sommes payées par la famille dans l'année, en PDF.")]
    [Authorize(Roles = Roles.Parent)]
    [Produces("application/pdf")]
    [ProducesResponseType(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(int year, [NotBody] Family family, IQuerySession session, CommuneSettings commune, Moment moment,
        CancellationToken cancellation) =>
        Results.File(await AccountDocuments.FiscalPdfAsync(session, family, year, commune, moment.Today, cancellation), "application/pdf",
            $"attestation-fiscale-{year}.pdf");
}

/// <summary>The parent's inscription and its attestation (null: not theirs, or the child left the family).</summary>
public sealed record InscriptionAttestation(byte[]? Pdf);

public static class InscriptionAttestationEndpoint
{
    public static async Task<InscriptionAttestation> LoadAsync(Guid inscriptionId, [NotBody] CurrentUser user, IQuerySession session,
        CommuneSettings commune, Moment moment, CancellationToken cancellation)
    {
        var inscription = await session.LoadAsync<Inscription>(inscriptionId, cancellation);
        var family = inscription is null ? null : await ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);
        return new InscriptionAttestation(inscription is null || family?.Id != inscription.FamilyId ? null
            : await AccountDocuments.InscriptionAttestationAsync(session, family, inscription, commune, moment.Today, cancellation));
    }

    public static ProblemDetails Validate(InscriptionAttestation attestation) =>
        attestation.Pdf is null ? Problems.NotFoundDetails("Aucune inscription avec cet identifiant.") : WolverineContinue.NoProblems;

    [WolverineGet("/api/attestations/inscription/{inscriptionId}/pdf"), Tags("Mon compte")]
    [EndpointSummary("L'attestation d'inscription")]
    [EndpointDescription("Parents, pour leurs propres inscriptions (autre famille : 404), en PDF.")]
    [Authorize(Roles = Roles.Parent)]
    [Produces("application/pdf")]
    [ProducesResponseType(200), ProducesResponseType<ProblemDetails>(404)]
    public static IResult Get([NotBody] InscriptionAttestation attestation) =>
        Results.File(attestation.Pdf!, "application/pdf", "attestation-inscription.pdf");
}

/// <summary>The documents and summaries the account pages and the requests' answers share.</summary>
public static class AccountDocuments
{
    public static InvoiceSummary Summary(Invoice i) =>
        new(i.Id, i.Number, i.Month, i.IssuedOn, i.AmountCents, i.CreditedCents, i.PaidCents, i.BalanceCents, i.Status);

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
