using System.Globalization;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Projections.Dashboard;

public static class DashboardCategories
{
    public const string Famille = "famille";
    public const string Individu = "individu";
    public const string Inscription = "inscription";
    public const string Demande = "demande";
}

/// <summary>One line of a family's dashboard (tableau de bord): what was asked or changed, and what became of it.
/// <c>Owner</c> is the family id, or <c>i:{inscriptionId}</c> for booking requests.</summary>
public sealed class DashboardEntry
{
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public Instant At { get; set; }
    public string Category { get; set; } = "";
    public string Subject { get; set; } = "";
    public RequestStatus Status { get; set; } = RequestStatus.Pending;
    public Guid? RequestId { get; set; }
    public RequestType? Type { get; set; }
    /// <summary>The child a request is about (a change of the child's data, a new inscription), so the portal shows it under that child.</summary>
    public Guid? ChildId { get; set; }
    /// <summary>For a booking or cancellation request: the cell it is about ("inscription|unit|date"), to close it by.</summary>
    public string? Cell { get; set; }
}

/// <summary>
/// The dashboard history, from events only: the families' requests, booking and cancellation requests of
/// manually validated activities, and changes staff made to the family file (a rebuild gives the same lines).
/// </summary>
public sealed partial class DashboardProjection : EventProjection
{
    private static readonly LocalDatePattern Day = LocalDatePattern.Create("dddd d MMMM uuuu", CultureInfo.GetCultureInfo("fr-FR"));

    public void Project(IEvent<RequestSubmitted> e, IDocumentOperations ops) => ops.Store(new DashboardEntry
    {
        Id = e.Data.RequestId.ToString(), Owner = e.Data.FamilyId.ToString(), At = e.Data.At, RequestId = e.Data.RequestId, Type = e.Data.Type,
        ChildId = e.Data.Data.ChildId,
        Category = e.Data.Type switch
        {
            RequestType.FamilyChange => DashboardCategories.Famille,
            RequestType.ChildChange or RequestType.NewPerson => DashboardCategories.Individu,
            RequestType.NewInscription => DashboardCategories.Inscription,
            _ => DashboardCategories.Demande,
        },
        Subject = e.Data.Type switch
        {
            RequestType.FamilyChange => "Modification des données de la famille",
            RequestType.ChildChange => "Modification des données d'un enfant",
            RequestType.NewPerson => $"Ajout de {e.Data.Data.FirstName} {e.Data.Data.LastName}",
            RequestType.NewInscription => $"Nouvelle inscription {e.Data.Data.ActivityCode}",
            RequestType.AttestationInscription => "Attestation d'inscription",
            _ => $"Attestation fiscale {e.Data.Data.Year}",
        },
    });

    public Task Project(IEvent<RequestWithdrawnByParent> e, IDocumentOperations ops) => SetStatusAsync(ops, e.Data.RequestId.ToString(), RequestStatus.Withdrawn);

    public Task Project(IEvent<RequestDecided> e, IDocumentOperations ops) =>
        SetStatusAsync(ops, e.Data.RequestId.ToString(), e.Data.Accepted ? RequestStatus.Accepted : RequestStatus.Refused);

    public void Project(IEvent<FamilyEmailChanged> e, IDocumentOperations ops) =>
        Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Famille, "Adresse e-mail modifiée par la mairie");

    /// <summary>Phones are changed directly (no request): the line says it was done, by the parent or by the mairie.</summary>
    public void Project(IEvent<FamilyPhonesChanged> e, IDocumentOperations ops) =>
        Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Famille,
            e.Data.By.Kind == Domain.Common.ActorKind.Parent ? "Téléphones modifiés" : "Téléphones modifiés par la mairie");

    public void Project(IEvent<QuotientFamilialChanged> e, IDocumentOperations ops) =>
        Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Famille, $"Quotient familial mis à jour ({e.Data.QuotientFamilial})");

    public void Project(IEvent<FamilyDataChanged> e, IDocumentOperations ops)
    {
        if (e.Data.RequestId is null) Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Famille, "Données de la famille modifiées par la mairie");
    }

    public void Project(IEvent<ChildDataChanged> e, IDocumentOperations ops)
    {
        if (e.Data.RequestId is null) Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Individu, "Données d'un enfant modifiées par la mairie");
    }

    /// <summary>Health data: the line says that the mairie changed them, never what they are.</summary>
    public void Project(IEvent<ChildDietSet> e, IDocumentOperations ops) =>
        Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Individu, "Régime alimentaire ou PAI d'un enfant mis à jour par la mairie");

    public void Project(IEvent<ChildAdded> e, IDocumentOperations ops)
    {
        if (e.Data.RequestId is null) Staff(ops, e, e.Data.FamilyId, e.Data.At, DashboardCategories.Individu, $"{e.Data.FirstName} ajouté(e) par la mairie");
    }

    public void Project(IEvent<BookingRequested> e, IDocumentOperations ops) => Opened(ops, e, e.Data.InscriptionId, e.Data.Slot, "Réservation");

    public void Project(IEvent<CancellationRequested> e, IDocumentOperations ops) => Opened(ops, e, e.Data.InscriptionId, e.Data.Slot, "Annulation");

    // A seat given or refused closes a pending line only when staff (or the system) decided a request waiting for them;
    // a parent's own automatic decisions, the whole opening-day rush, have no line to close and cost no statement.
    public Task Project(IEvent<DayBooked> e, IDocumentOperations ops) => ClosedByDecisionAsync(ops, e.Data.By, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Accepted);

    public Task Project(IEvent<DayWaitlisted> e, IDocumentOperations ops) => ClosedByDecisionAsync(ops, e.Data.By, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Accepted);

    public Task Project(IEvent<DayCancelled> e, IDocumentOperations ops) => ClosedByDecisionAsync(ops, e.Data.By, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Accepted);

    public Task Project(IEvent<RequestRefused> e, IDocumentOperations ops) => ClosedAsync(ops, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Refused);

    public Task Project(IEvent<RequestExpired> e, IDocumentOperations ops) => ClosedAsync(ops, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Refused);

    public Task Project(IEvent<RequestWithdrawn> e, IDocumentOperations ops) => ClosedAsync(ops, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Withdrawn);

    public Task Project(IEvent<PendingDropped> e, IDocumentOperations ops) => ClosedAsync(ops, e.Data.InscriptionId, e.Data.Slot, RequestStatus.Refused);

    /// <summary>The event's own instant, never the database's insertion time: a rebuild gives the same line.</summary>
    private static void Staff(IDocumentOperations ops, IEvent e, Guid familyId, Instant at, string category, string subject) => ops.Store(new DashboardEntry
    {
        Id = e.Id.ToString(), Owner = familyId.ToString(), At = at, Category = category,
        Subject = subject, Status = RequestStatus.Accepted,
    });

    private static void Opened(IDocumentOperations ops, IEvent e, Guid inscriptionId, Slot slot, string what)
    {
        var entry = new DashboardEntry
        {
            Id = e.Id.ToString(), Owner = $"i:{inscriptionId}", Category = DashboardCategories.Inscription,
            At = e.Data is BookingRequested b ? b.At : ((CancellationRequested)e.Data).At,
            Subject = $"{what} du {Day.Format(slot.Date)} ({slot.ActivityCode}, {slot.Unit})",
        };
        entry.Cell = CellOf(inscriptionId, slot);
        ops.Store(entry);
    }

    // Status changes are patches, applied in order in the same batch as the line they change: a line is never read
    // back while projecting, so a rebuild (many events per batch) gives exactly what event-by-event projection gave.

    private static Task ClosedByDecisionAsync(IDocumentOperations ops, Domain.Common.Actor by, Guid inscriptionId, Slot slot, RequestStatus status) =>
        by.Kind == Domain.Common.ActorKind.Parent ? Task.CompletedTask : ClosedAsync(ops, inscriptionId, slot, status);

    /// <summary>Closes the cell's pending line, if there is one (there is none in automatic mode).</summary>
    private static Task ClosedAsync(IDocumentOperations ops, Guid inscriptionId, Slot slot, RequestStatus status)
    {
        var cell = CellOf(inscriptionId, slot);
        ops.Patch<DashboardEntry>(d => d.Cell == cell && d.Status == RequestStatus.Pending).Set(d => d.Status, status);
        return Task.CompletedTask;
    }

    private static Task SetStatusAsync(IDocumentOperations ops, string entryId, RequestStatus status)
    {
        ops.Patch<DashboardEntry>(entryId).Set(d => d.Status, status);
        return Task.CompletedTask;
    }

    private static string CellOf(Guid inscriptionId, Slot slot) => $"{inscriptionId}|{slot.Unit}|{LocalDatePattern.Iso.Format(slot.Date)}";
}
