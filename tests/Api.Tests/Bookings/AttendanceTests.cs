using Marten;
using NodaTime;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Bookings;

namespace PortailFamille.Api.Tests.Bookings;

public class AttendanceTests(AppFixture app) : ApiTest(app)
{
    private static object Marks(Guid inscriptionId, string status, string date = "2026-10-05") => new
    {
        activityCode = "CANTINE", unit = "REPAS", date,
        entries = new[] { new { inscriptionId, status } },
    };

    private async Task<(Enrolled First, Enrolled Second, string Staff)> BookedMonday()
    {
        await CreateActivity();
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        SetNow(Instant.FromUtc(2026, 10, 5, 10, 0)); // the day itself, at noon
        return (first, second, await StaffToken());
    }

    [Fact]
    public async Task Marks_show_in_the_grid_and_on_the_sheet_and_a_correction_keeps_both_events()
    {
        var (first, second, staff) = await BookedMonday();
        await Post("/api/staff/attendance", new
        {
            activityCode = "CANTINE", unit = "REPAS", date = "2026-10-05",
            entries = new[] { new { inscriptionId = first.InscriptionId, status = "present" }, new { inscriptionId = second.InscriptionId, status = "absent" } },
        }, staff, 204);
        (await StateOn(first.InscriptionId, staff, "2026-10-05")).ShouldBe(CellState.Present);
        (await StateOn(second.InscriptionId, staff, "2026-10-05")).ShouldBe(CellState.Absent);

        await Post("/api/staff/attendance", Marks(second.InscriptionId, "absent-justified"), staff, 204);
        (await StateOn(second.InscriptionId, staff, "2026-10-05")).ShouldBe(CellState.AbsentJustified);
        var sheet = (await Get("/api/staff/attendance-sheet?activityCode=CANTINE&unit=REPAS&date=2026-10-05", staff))!.AsArray();
        sheet.Select(l => (l!["childName"]!.GetValue<string>(), l["state"]!.GetValue<string>())).ShouldBe(
            [("Léo Durand", "present"), ("Léo Durand", "absent-justified")]);

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(second.InscriptionId)).Select(e => e.Data).OfType<AttendanceMarked>()
            .Select(m => m.Status).ShouldBe([AttendanceMark.Absent, AttendanceMark.AbsentJustified]);
    }

    [Fact]
    public async Task A_future_day_or_a_cell_without_a_seat_refuses_the_whole_batch()
    {
        var (first, _, staff) = await BookedMonday();
        var unbooked = await EnrolledChild("Moreau");
        await Post("/api/staff/attendance", Marks(first.InscriptionId, "present", "2026-10-06"), staff, 422);
        await Post("/api/staff/attendance", new
        {
            activityCode = "CANTINE", unit = "REPAS", date = "2026-10-05",
            entries = new[] { new { inscriptionId = first.InscriptionId, status = "present" }, new { inscriptionId = unbooked.InscriptionId, status = "present" } },
        }, staff, 422);
        await Post("/api/staff/attendance", Marks(Guid.NewGuid(), "present"), staff, 422);
        (await StateOn(first.InscriptionId, staff, "2026-10-05")).ShouldBe(CellState.Locked);
    }

    [Fact]
    public async Task Malformed_attendance_is_400_and_roles_are_checked()
    {
        var (first, _, staff) = await BookedMonday();
        await Post("/api/staff/attendance", Marks(first.InscriptionId, "là"), staff, 400);
        await Post("/api/staff/attendance", new { activityCode = "PISCINE", unit = "REPAS", date = "2026-10-05", entries = new[] { new { inscriptionId = first.InscriptionId, status = "present" } } }, staff, 400);
        await Post("/api/staff/attendance", new { activityCode = "CANTINE", unit = "REPAS", date = "2026-10-05", entries = Array.Empty<object>() }, staff, 400);
        var parent = await Login(first.Family.Email, ParentPassword);
        await Post("/api/staff/attendance", Marks(first.InscriptionId, "present"), parent, 403);
        await Get("/api/staff/attendance-sheet?activityCode=CANTINE&unit=REPAS&date=2026-13-05", staff, 400);
        await Get("/api/staff/attendance-sheet?activityCode=CANTINE&unit=REPAS&date=2026-10-05", parent, 403);
        (await Get("/api/staff/attendance-sheet?activityCode=CANTINE&unit=REPAS&date=2026-10-05", await KitchenToken()))!.AsArray().Count.ShouldBe(2);
    }
}
