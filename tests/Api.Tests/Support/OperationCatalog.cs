namespace PortailFamille.Api.Tests.Support;

/// <summary>Who may call an operation (API.md, "Roles and access").</summary>
public enum Access
{
    /// <summary>Anyone, logged in or not.</summary>
    Public,
    /// <summary>Parents, staff and kitchen.</summary>
    Shared,
    /// <summary>Parents only, on their own family (no id in the path).</summary>
    Parent,
    /// <summary>Parents only, on a resource of their family named in the path: another family gets 404.</summary>
    ParentOwned,
    /// <summary>The owning parent, or staff for any family.</summary>
    OwnerOrStaff,
    Staff,
    StaffOrKitchen,
    /// <summary>Staff and the shuttles' drivers.</summary>
    StaffOrDriver,
}

/// <summary>One operation of the OpenAPI document, who may call it, and a request of the right shape.</summary>
/// <param name="EndsSessions">Calling it ends the caller's sessions (logout): the matrix logs its callers in again afterwards.</param>
/// <param name="PathId">What fills "{id}" when it is not the inscription (a shuttle line's inscription).</param>
/// <param name="Code">What fills "{code}" when it is not the canteen (a shuttle line).</param>
public sealed record OperationSpec(string Method, string Path, Access Access, Func<CatalogIds, object?>? Body = null, string? Query = null,
    string? RawBody = null, bool EndsSessions = false, Func<CatalogIds, Guid>? PathId = null, string? Code = null)
{
    public string Key => $"{Method} {Path}";
}

/// <summary>Ids of the family whose resources fill the paths (family A of the matrix).</summary>
public sealed record CatalogIds(Guid FamilyId, Guid ChildId, Guid InscriptionId, Guid PeriodId, Guid RequestId = default, Guid InvoiceId = default,
    Guid PaymentId = default, Guid AccountId = default, Guid ShuttleInscriptionId = default);

/// <summary>
/// Every operation the API exposes. The access matrix fails for an operation of the OpenAPI document that
/// is missing here, so a new endpoint cannot ship without saying who may call it.
/// </summary>
public static class OperationCatalog
{
    private static object Deadline => new { daysBefore = 2, workingDays = true, at = "10:00" };

    public static readonly IReadOnlyList<OperationSpec> All =
    [
        new("GET", "/health", Access.Public),
        new("POST", "/api/auth/login", Access.Public, _ => new { email = "personne@matrice.test", password = "Mauvais-2026!" }),
        new("POST", "/api/auth/activation", Access.Public, _ => new { token = "jeton", password = "Parent-Portail-2026!" }),
        new("POST", "/api/auth/password-reset", Access.Public, _ => new { email = "personne@matrice.test" }),
        new("POST", "/api/auth/password-reset/confirm", Access.Public, _ => new { token = "jeton", newPassword = "Parent-Portail-2026!" }),
        new("GET", "/api/me", Access.Shared),
        new("PUT", "/api/me/password", Access.Shared, _ => new { currentPassword = "Mauvais-2026!", newPassword = "Nouveau-Secret-2026!" }),
        new("GET", "/api/activities", Access.Shared),
        new("GET", "/api/calendar", Access.Shared, Query: "from=2026-10-01&to=2026-10-07"),
        new("GET", "/api/commune", Access.Public),
        new("GET", "/api/home", Access.Parent),
        new("GET", "/api/family", Access.Parent),
        new("PUT", "/api/family/phones", Access.Parent, _ => new { mobile1 = "06 00 00 00 00" }),
        new("GET", "/api/inscriptions", Access.Parent),
        new("GET", "/api/dashboard", Access.Parent),
        new("GET", "/api/inscriptions/{id}/planning", Access.OwnerOrStaff, Query: "month=2026-10"),
        new("GET", "/api/inscriptions/{id}/waitlist", Access.ParentOwned),
        new("GET", "/api/inscriptions/{id}/shuttles", Access.OwnerOrStaff),
        new("POST", "/api/inscriptions/{id}/shuttles", Access.OwnerOrStaff, _ => new { lineCode = ApiTest.ShuttleLine, stop = "École" }),
        new("PUT", "/api/inscriptions/{id}/shuttle-stop", Access.OwnerOrStaff, _ => new { stop = "École" }, PathId: ids => ids.ShuttleInscriptionId),
        new("POST", "/api/inscriptions/{id}/reservations", Access.OwnerOrStaff,
            _ => new { changes = new[] { new { date = "2026-10-05", unit = "REPAS", action = "book" } } }),
        new("POST", "/api/reservations/week-pattern", Access.OwnerOrStaff, ids => new
        {
            inscriptionIds = new[] { ids.InscriptionId }, from = "2026-10-01", to = "2026-10-31",
            days = new[] { new { weekday = "monday", unit = "REPAS" } }, action = "book",
        }),
        new("POST", "/api/requests", Access.Parent, _ => new { type = "new-person", firstName = "Zoé", lastName = "Durand", birthDate = "2021-05-01", sex = "F" }),
        new("DELETE", "/api/requests/{requestId}", Access.ParentOwned),
        new("POST", "/api/staff/requests/{requestId}/decision", Access.Staff, _ => new { decision = "refuse", reason = "Matrice" }),
        new("POST", "/api/auth/logout", Access.Shared, EndsSessions: true),
        new("POST", "/api/staff/accounts", Access.Staff, _ => new { email = "matrice@mairie.test", role = "kitchen" }),
        new("GET", "/api/staff/accounts", Access.Staff),
        new("POST", "/api/staff/accounts/{accountId}/deactivation", Access.Staff),
        new("POST", "/api/staff/accounts/{accountId}/reactivation", Access.Staff),
        new("PUT", "/api/staff/accounts/{accountId}/role", Access.Staff, _ => new { role = "kitchen" }),
        new("POST", "/api/staff/activities", Access.Staff, _ => ApiTest.ActivityBodyFor("MATRICE")),
        new("GET", "/api/staff/activities/{code}/history", Access.Staff),
        new("PUT", "/api/staff/activities/{code}/validation", Access.Staff, _ => new { validation = "automatic" }),
        new("PUT", "/api/staff/activities/{code}/capacity", Access.Staff, _ => new { group = "PRIMAIRE", unit = "REPAS", capacity = 64 }),
        new("PUT", "/api/staff/activities/{code}/deadlines", Access.Staff, _ => new { bookingDeadline = Deadline, cancellationDeadline = Deadline }),
        new("PUT", "/api/staff/activities/{code}/tariffs", Access.Staff,
            _ => new { effectiveFrom = "2027-01-01", tariffs = new[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 100 } } } }),
        new("POST", "/api/staff/calendar/closures", Access.Staff, _ => new { from = "2026-12-01", to = "2026-12-01", reason = "closure", label = "Matrice" }),
        new("POST", "/api/staff/calendar/import", Access.Staff, RawBody: "[]"),
        new("GET", "/api/staff/calendar/periods", Access.Staff),
        new("DELETE", "/api/staff/calendar/periods/{periodId}", Access.Staff),
        new("POST", "/api/staff/families", Access.Staff, _ => ApiTest.FamilyBodyFor("Matrice")),
        new("GET", "/api/staff/families", Access.Staff, Query: "q=durand"),
        new("GET", "/api/staff/families/{familyId}", Access.Staff),
        new("GET", "/api/staff/families/{familyId}/history", Access.Staff, Query: "page=1&pageSize=20"),
        new("GET", "/api/staff/families/{familyId}/account", Access.Staff),
        new("POST", "/api/staff/families/{familyId}/activation", Access.Staff),
        new("PUT", "/api/staff/families/{familyId}", Access.Staff, _ => new
        {
            civility = "Mme", firstName = "Claire", lastName = "Matrice", address = new { line1 = "1 rue", postalCode = "34120", city = "Lézignan" },
            phones = new { mobile1 = "06 00 00 00 00" }, allocataire = new { regime = "CAF" }, dependentChildren = 1,
        }),
        new("PUT", "/api/staff/families/{familyId}/children/{childId}/diet", Access.Staff, _ => new { diet = "vegetarien", pai = "repas-adapte" }),
        new("PUT", "/api/staff/families/{familyId}/children/{childId}", Access.Staff, _ => new { firstName = "Léo", lastName = "Matrice", birthDate = "2019-03-14", sex = "M" }),
        new("PUT", "/api/staff/families/{familyId}/email", Access.Staff, _ => new { email = "matrice-nouvelle@famille.test" }, EndsSessions: true),
        new("PUT", "/api/staff/families/{familyId}/quotient-familial", Access.Staff, _ => new { quotientFamilial = 500, effectiveFrom = "2026-10-01" }),
        new("POST", "/api/staff/families/{familyId}/children", Access.Staff, _ => new { firstName = "Zoé", lastName = "Durand", birthDate = "2020-01-01", sex = "F" }),
        new("POST", "/api/staff/inscriptions", Access.Staff, ids => new { childId = ids.ChildId, activityCode = "GARDERIE", group = "PRIMAIRE" }),
        new("PUT", "/api/staff/inscriptions/{id}", Access.Staff, _ => new { group = "PRIMAIRE" }),
        new("GET", "/api/staff/pending", Access.Staff),
        new("POST", "/api/staff/reservations/decisions", Access.Staff,
            ids => new { inscriptionId = ids.InscriptionId, date = "2026-10-05", unit = "REPAS", decision = "accept" }),
        new("POST", "/api/staff/reservations/decisions/day", Access.Staff, _ => new { date = "2026-10-07", activityCode = "CANTINE", unit = "REPAS" }),
        new("GET", "/api/staff/headcounts", Access.StaffOrKitchen, Query: "date=2026-10-05"),
        new("GET", "/api/staff/overview", Access.Staff, Query: "date=2026-10-05"),
        new("GET", "/api/staff/occupancy", Access.Staff, Query: "month=2026-10"),
        new("GET", "/api/staff/headcounts.csv", Access.StaffOrKitchen, Query: "from=2026-10-05&to=2026-10-09"),
        new("GET", "/api/staff/meals", Access.StaffOrKitchen, Query: "from=2026-10-05&to=2026-10-09"),
        new("GET", "/api/staff/meals.csv", Access.StaffOrKitchen, Query: "from=2026-10-05&to=2026-10-09"),
        new("GET", "/api/staff/pai", Access.Staff, Query: "date=2026-10-05"),
        new("POST", "/api/staff/shuttles", Access.Staff, _ => new
        {
            code = "NAVETTE-MATRICE", label = "Navette", from = "2026-09-01", to = "2027-07-02", weekdays = new[] { "monday" },
            directions = new[] { "ALLER" }, capacity = 10, stops = new[] { new { name = "École", outbound = "08:00" } }, serves = new[] { "CANTINE" },
            bookingDeadline = Deadline, cancellationDeadline = Deadline,
        }),
        new("GET", "/api/staff/shuttles/{code}/manifest", Access.StaffOrDriver, Query: "date=2026-10-05&direction=ALLER", Code: ApiTest.ShuttleLine),
        new("GET", "/api/staff/shuttles/{code}/manifest.csv", Access.StaffOrDriver, Query: "date=2026-10-05&direction=ALLER", Code: ApiTest.ShuttleLine),
        new("POST", "/api/staff/attendance", Access.Staff, ids => new
        {
            activityCode = "CANTINE", unit = "REPAS", date = "2026-09-14",
            entries = new[] { new { inscriptionId = ids.InscriptionId, status = "present" } },
        }),
        new("GET", "/api/staff/attendance-sheet", Access.StaffOrKitchen, Query: "activityCode=CANTINE&unit=REPAS&date=2026-10-05"),
        new("GET", "/api/account", Access.Parent),
        new("GET", "/api/account/inscriptions", Access.Parent),
        new("GET", "/api/account/invoices", Access.Parent),
        new("GET", "/api/invoices/{invoiceId}/pdf", Access.ParentOwned),
        new("GET", "/api/attestations/fiscale/{year}/pdf", Access.Parent),
        new("GET", "/api/attestations/inscription/{inscriptionId}/pdf", Access.ParentOwned),
        new("POST", "/api/staff/invoicing", Access.Staff, _ => new { month = "2026-08" }),
        new("GET", "/api/staff/invoices", Access.Staff, Query: "month=2026-09"),
        new("GET", "/api/staff/invoices/{invoiceId}/pdf", Access.Staff),
        new("GET", "/api/staff/invoices/{invoiceId}", Access.Staff),
        new("GET", "/api/staff/invoicing/preview", Access.Staff, Query: "month=2026-09"),
        new("GET", "/api/staff/payments", Access.Staff, Query: "status=pending"),
        new("POST", "/api/staff/invoices/{invoiceId}/credit-notes", Access.Staff, _ => new { amountCents = 100, reason = "Matrice" }),
        new("POST", "/api/staff/invoices/{invoiceId}/payments", Access.Staff, _ => new { amountCents = 100, method = "cheque" }),
        new("POST", "/api/payments", Access.ParentOwned, ids => new { items = new[] { new { invoiceId = ids.InvoiceId, amountCents = 1000 } } }),
        new("GET", "/api/payments/{paymentId}", Access.ParentOwned),
        new("POST", "/api/payfip/notification", Access.Public, RawBody: "idop=inconnu"),
        new("GET", "/payfip-simulator/tpa/paiementws.web", Access.Public),
        new("GET", "/api/staff/audit/inscriptions/{id}", Access.Staff, Query: "date=2026-10-05"),
        new("GET", "/api/staff/audit/inscriptions/{id}/planning", Access.Staff, Query: "month=2026-10&asOf=2026-09-14T09:00:00Z"),
        new("GET", "/api/family/export", Access.Parent),
        new("GET", "/api/staff/families/{familyId}/export", Access.Staff),
        new("POST", "/payfip-simulator/tpa/paiementws.web", Access.Public),
        // Last: erasing family A's data changes what every later call would see.
        new("POST", "/api/staff/families/{familyId}/erasure", Access.Staff, _ => new { reason = "Matrice" }),
    ];

    public static string Url(OperationSpec op, CatalogIds ids, string? pathValue = null)
    {
        var path = op.Path
            .Replace("{id}", pathValue ?? (op.PathId?.Invoke(ids) ?? ids.InscriptionId).ToString())
            .Replace("{familyId}", pathValue ?? ids.FamilyId.ToString())
            .Replace("{periodId}", pathValue ?? ids.PeriodId.ToString())
            .Replace("{requestId}", pathValue ?? ids.RequestId.ToString())
            .Replace("{invoiceId}", pathValue ?? ids.InvoiceId.ToString())
            .Replace("{paymentId}", pathValue ?? ids.PaymentId.ToString())
            .Replace("{inscriptionId}", pathValue ?? ids.InscriptionId.ToString())
            .Replace("{childId}", pathValue ?? ids.ChildId.ToString())
            .Replace("{accountId}", pathValue ?? ids.AccountId.ToString())
            .Replace("{year}", pathValue ?? "2026")
            .Replace("{code}", pathValue ?? op.Code ?? "CANTINE");
        return op.Query is null ? path : $"{path}?{op.Query}";
    }
}
