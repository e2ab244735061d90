using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using PortailFamille.Domain.Requests;
using Shouldly;

namespace PortailFamille.Domain.Tests;

/// <summary>The strings are the contract (API.md, stored events); the enums only name them in C#.</summary>
public class VocabularyTests
{
    private static IEnumerable<Type> VocabularyEnums() =>
        typeof(Vocabulary).Assembly.GetTypes().Where(t => t.IsEnum && t.GetCustomAttribute<JsonConverterAttribute>() is not null);

    [Fact]
    public void Every_member_of_every_vocabulary_enum_names_its_own_string_once()
    {
        VocabularyEnums().Count().ShouldBeGreaterThan(5);
        foreach (var type in VocabularyEnums())
        {
            Vocabulary.Unnamed(type).ShouldBeEmpty($"{type.Name} has members without a [JsonStringEnumMemberName]");
            var words = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name).ToList();
            words.ShouldBeUnique($"{type.Name} writes one string for two members");
        }
    }

    [Fact]
    public void The_booking_words_are_the_ones_of_the_contract()
    {
        Vocabulary.WordsOf<BookingAction>().ShouldBe(["book", "cancel", "withdraw"]);
        Vocabulary.WordsOf<CellStatus>().ShouldBe(["free", "requested", "booked", "cancellation-requested", "waitlisted"]);
        Vocabulary.WordsOf<CellState>().ShouldBe(["present", "absent", "absent-justified", "closed", "requested", "cancellation-requested",
            "waitlisted", "late", "locked", "booked", "free"]);
        Vocabulary.WordsOf<Outcome>().ShouldBe(["booked", "requested", "waitlisted", "cancelled", "cancellation-requested", "withdrawn", "refused"]);
        Vocabulary.WordsOf<RefusalReason>().ShouldBe(["unknown-unit", "not-in-period", "closed", "deadline", "already-booked", "not-booked",
            "not-pending", "not-served"]);
        Vocabulary.WordsOf<Cause>().ShouldBe(["request", "staff", "closure", "inscription-ended", "cancellation", "capacity-raised", "refusal",
            "withdrawal", "expiry", "service-cancelled"]);
        Vocabulary.WordsOf<AttendanceMark>().ShouldBe(["present", "absent", "absent-justified"]);
        Vocabulary.WordsOf<DayClosedReason>().ShouldBe(["not-in-period", "not-open", "school-holiday", "public-holiday", "closure"]);
        Vocabulary.WordsOf<ClosureReason>().ShouldBe(["school-holiday", "public-holiday", "closure"]);
    }

    [Fact]
    public void The_request_money_and_actor_words_are_the_ones_of_the_contract()
    {
        Vocabulary.WordsOf<RequestType>().ShouldBe(["family-change", "child-change", "new-person", "new-inscription", "attestation-inscription",
            "attestation-fiscale"]);
        Vocabulary.WordsOf<RequestStatus>().ShouldBe(["pending", "accepted", "refused", "withdrawn"]);
        Vocabulary.WordsOf<PaymentStatus>().ShouldBe(["pending", "paid", "refused", "cancelled", "expired"]);
        Vocabulary.WordsOf<InvoiceStatus>().ShouldBe(["unpaid", "partially-paid", "paid"]);
        Vocabulary.WordsOf<ActorKind>().ShouldBe(["system", "payfip", "staff", "parent"]);
        Actor.Staff(Guid.Empty).ToString().ShouldBe("staff:00000000-0000-0000-0000-000000000000");
        Actor.PayFiP.ToString().ShouldBe("payfip");
    }

    [Fact]
    public void A_member_is_written_and_read_as_its_string_whatever_the_serializer_options()
    {
        JsonSerializer.Serialize(Cause.Parent).ShouldBe("\"request\"");
        JsonSerializer.Serialize(CellStatus.CancellationRequested, new JsonSerializerOptions(JsonSerializerDefaults.Web)).ShouldBe("\"cancellation-requested\"");
        JsonSerializer.Deserialize<RefusalReason>("\"already-booked\"").ShouldBe(RefusalReason.AlreadyBooked);
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<RefusalReason>("\"AlreadyBooked\""));
    }

    [Fact]
    public void What_a_client_sends_is_read_exactly_and_an_unknown_word_is_not_a_member()
    {
        Vocabulary.TryParse("cancel", out BookingAction action).ShouldBeTrue();
        action.ShouldBe(BookingAction.Cancel);
        Vocabulary.TryParse<BookingAction>("Cancel", out _).ShouldBeFalse();
        Vocabulary.TryParse<BookingAction>("1", out _).ShouldBeFalse();
        Vocabulary.TryParse<BookingAction>(null, out _).ShouldBeFalse();
        AttendanceMark.AbsentJustified.Wire().ShouldBe("absent-justified");
    }

    [Fact]
    public void A_cell_key_is_written_as_its_day_and_unit_and_orders_as_that_text()
    {
        var keys = new[] { new CellKey(new LocalDate(2026, 10, 5), "SOIR"), new CellKey(new LocalDate(2026, 10, 5), "MATIN"),
            new CellKey(new LocalDate(2026, 9, 30), "REPAS") };

        keys.Order().Select(k => k.ToString()).ShouldBe(keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        var json = JsonSerializer.Serialize(keys.ToDictionary(k => k, k => k.Unit.Length));
        json.ShouldBe("""{"2026-10-05|SOIR":4,"2026-10-05|MATIN":5,"2026-09-30|REPAS":5}""");
        JsonSerializer.Deserialize<Dictionary<CellKey, int>>(json)!.Keys.ShouldBe(keys);
        Should.Throw<FormatException>(() => CellKey.Parse("2026-10-05"));
    }
}
