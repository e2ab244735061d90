using System.Text.Json.Nodes;
using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Money;

/// <summary>Steps the money tests share: a garderie next to the canteen, a month of bookings, invoicing.</summary>
public abstract class MoneyTest(AppFixture app) : ApiTest(app)
{
    /// <summary>November 2, 2026, 09:00 in Paris: October has ended.</summary>
    protected static readonly Instant AfterOctober = Instant.FromUtc(2026, 11, 2, 8, 0);

    /// <summary>After-school care (not a meal): SOIR at 300 / 450 cents by QF, booked until the day before at 18:00.</summary>
    protected async Task CreateGarderie() => await Post("/api/staff/activities", new
    {
        code = "GARDERIE", label = "GARDERIE DU SOIR", equipment = "ACCUEIL PERISCOLAIRE", from = "2026-09-01", to = "2027-07-02",
        weekdays = new[] { "monday", "tuesday", "thursday", "friday" }, units = new[] { "SOIR" },
        groups = new object[] { new { code = "PRIMAIRE", capacity = new Dictionary<string, int> { ["SOIR"] = 30 } } },
        bookingDeadline = new { daysBefore = 1, workingDays = false, at = "18:00" },
        cancellationDeadline = new { daysBefore = 1, workingDays = false, at = "18:00" },
        validation = "automatic",
        tariffs = new object[]
        {
            new { fromQf = 0, toQf = 800, priceCents = new Dictionary<string, int> { ["SOIR"] = 300 } },
            new { fromQf = 800, priceCents = new Dictionary<string, int> { ["SOIR"] = 450 } },
        },
    }, await StaffToken(), 201);

    protected async Task Book(Guid inscriptionId, string token, string unit, params string[] dates) =>
        await Post($"/api/inscriptions/{inscriptionId}/reservations",
            new { changes = dates.Select(d => new { date = d, unit, action = "book" }).ToArray() }, token, 200);

    protected async Task<JsonArray> Invoice(string month, string staff) =>
        (await Post("/api/staff/invoicing", new { month }, staff, 200))!["invoices"]!.AsArray();

    protected async Task MarkAttendance(string staff, string activityCode, string unit, string date, Guid inscriptionId, string status) =>
        await Post("/api/staff/attendance", new { activityCode, unit, date, entries = new[] { new { inscriptionId, status } } }, staff, 204);

    /// <summary>Downloads a PDF and reads its text back with PdfPig.</summary>
    protected async Task<string> PdfText(string url, string token)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.ShouldBe("application/pdf");
        var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(body.ToArray());
        return string.Join("\n", pdf.GetPages().Select(p => p.Text));
    }

    protected Task<string> Relogin(TestFamily family) => Login(family.Email, ParentPassword);

    protected static int Cents(JsonNode? node, string field) => node![field]!.GetValue<int>();
}
