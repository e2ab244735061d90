using Marten;
using NodaTime;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Statuses, causes and reasons are enums in C# and the same strings as before in the store: what older versions
/// wrote is read as it was, and what this one writes is what they wrote.</summary>
public class StoredVocabularyTests(AppFixture app) : ApiTest(app)
{
    private static readonly Slot Slot = new("CANTINE", "PRIMAIRE", "REPAS", new LocalDate(2026, 10, 12));
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);

    [Fact]
    public async Task An_event_written_with_strings_is_read_back_typed_and_written_again_with_the_same_strings()
    {
        var inscriptionId = Guid.NewGuid();
        var by = Actor.Parent(Guid.NewGuid());
        // The shapes matter here, not the story: one event of each typed field.
        await GivenEvents(inscriptionId,
            new Domain.Inscriptions.InscriptionOpened(inscriptionId, Guid.NewGuid(), Guid.NewGuid(), "CANTINE", "PRIMAIRE",
                new LocalDate(2026, 9, 1), new LocalDate(2027, 7, 2), Actor.System, At),
            new DayBooked(inscriptionId, Slot, At, new SeatEvidence(1, 64), by, At),
            new DayCancelled(inscriptionId, Slot, At, Cause.Parent, by, At),
            new PendingDropped(inscriptionId, Slot, CellStatus.CancellationRequested, Cause.InscriptionEnded, by, At),
            new ChangeRefused(inscriptionId, Slot.Date, "REPAS", BookingAction.Cancel, RefusalReason.Deadline, At, by, At),
            new AttendanceMarked(inscriptionId, Slot.Date, "REPAS", AttendanceMark.AbsentJustified, by, At));

        await using var session = Host.DocumentStore().QuerySession(TenantId);
        var stored = await session.AdvancedSql.QueryAsync<string>(
            "select data::text from portail.mt_events where stream_id = ? order by version", CancellationToken.None, inscriptionId);
        stored[1].ShouldContain("\"Kind\": \"parent\"");
        stored[2].ShouldContain("\"Cause\": \"request\"");
        stored[3].ShouldContain("\"Pending\": \"cancellation-requested\"");
        stored[3].ShouldContain("\"Cause\": \"inscription-ended\"");
        stored[4].ShouldContain("\"Action\": \"cancel\"");
        stored[4].ShouldContain("\"Reason\": \"deadline\"");
        stored[5].ShouldContain("\"Status\": \"absent-justified\"");

        var read = (await session.Events.FetchStreamAsync(inscriptionId)).Select(e => e.Data).ToList();
        read[3].ShouldBeOfType<PendingDropped>().Pending.ShouldBe(CellStatus.CancellationRequested);
        read[5].ShouldBeOfType<AttendanceMarked>().Status.ShouldBe(AttendanceMark.AbsentJustified);

        // The snapshot keys its cells and marks by "day|unit", as it did when the keys were strings.
        var snapshot = (await session.AdvancedSql.QueryAsync<string>(
            "select data::text from portail.mt_doc_inscription where id = ?", CancellationToken.None, inscriptionId)).Single();
        snapshot.ShouldContain("\"2026-10-12|REPAS\": {\"Late\": true");
        snapshot.ShouldContain("\"Attendance\": {\"2026-10-12|REPAS\": \"absent-justified\"}");
        var inscription = await session.LoadAsync<Domain.Inscriptions.Inscription>(inscriptionId);
        inscription!.AttendanceAt(Slot.Date, "REPAS").ShouldBe(AttendanceMark.AbsentJustified);
        inscription.Cells.Keys.ShouldBe([new Domain.Inscriptions.CellKey(Slot.Date, "REPAS")]);
    }

    [Fact]
    public void The_store_reads_the_shape_the_string_typed_version_wrote()
    {
        // As the version before the typed vocabulary (f3aa957) stored a waitlist promotion and a refusal.
        var serializer = Host.DocumentStore().Options.Serializer();
        var promoted = serializer.FromJson<WaitlistPromoted>(new MemoryStream("""
            {"InscriptionId": "6f1c2a4e-1111-4222-8333-944455556666",
             "Slot": {"ActivityCode": "CANTINE", "Group": "PRIMAIRE", "Unit": "REPAS", "Date": "2026-10-12"},
             "Seats": {"SeatsTaken": 64, "Capacity": 64}, "Cause": "capacity-raised",
             "By": {"Kind": "system", "Id": null}, "At": "2026-10-01T08:00:00Z"}
            """u8.ToArray()));
        promoted.Cause.ShouldBe(Cause.CapacityRaised);
        promoted.Slot.ShouldBe(Slot);

        var refused = serializer.FromJson<RequestRefused>(new MemoryStream("""
            {"InscriptionId": "6f1c2a4e-1111-4222-8333-944455556666",
             "Slot": {"ActivityCode": "CANTINE", "Group": "PRIMAIRE", "Unit": "REPAS", "Date": "2026-10-12"},
             "Pending": "requested", "Reason": "complet", "By": {"Kind": "staff", "Id": "6f1c2a4e-1111-4222-8333-944455556667"},
             "At": "2026-10-01T08:00:00Z"}
            """u8.ToArray()));
        refused.Pending.ShouldBe(CellStatus.Requested);
        serializer.ToJson(refused).ShouldContain("\"Pending\":\"requested\"");
    }
}
