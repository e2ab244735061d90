using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

/// <summary>How long a family's file is kept: N years after its last inscription ends, or after its creation if never used.</summary>
public class RetentionTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly Instant Created = Instant.FromUtc(2022, 9, 1, 8, 0);

    private static Family Given() => Family.Create(new FamilyFileCreated(Guid.NewGuid(), "Mme", "Claire", "Martin",
        new Address("1 rue", "34120", "Lézignan"), "claire@example.fr", new Phones(), new Allocataire("Claire Martin", "CAF", "1"),
        650, new LocalDate(2022, 9, 1), 1, Actor.System, Created));

    [Theory]
    [InlineData("2026-07-03", false)] // three years to the day after the last inscription ended
    [InlineData("2026-07-04", true)]
    public void A_file_is_kept_three_years_after_its_last_inscription(string today, bool due) =>
        Retention.IsDue(Given(), new LocalDate(2023, 7, 3), 3, NodaTime.Text.LocalDatePattern.Iso.Parse(today).Value, Paris).ShouldBe(due);

    [Fact]
    public void A_file_never_used_is_counted_from_its_creation()
    {
        Retention.IsDue(Given(), null, 3, new LocalDate(2025, 9, 1), Paris).ShouldBeFalse();
        Retention.IsDue(Given(), null, 3, new LocalDate(2025, 9, 2), Paris).ShouldBeTrue();
    }

    [Fact]
    public void An_erasure_that_stopped_half_way_is_due_and_a_finished_one_is_not_asked_again()
    {
        var started = Given().Apply(new FamilyErased(Guid.NewGuid(), "Demande", Actor.System, Created));
        Retention.IsDue(started, new LocalDate(2030, 7, 3), 3, new LocalDate(2026, 1, 1), Paris).ShouldBeTrue();
        Retention.RefuseErasure(started).ShouldBeNull();

        var finished = started.Apply(new FamilyErasureCompleted(started.Id, Created));
        Retention.IsDue(finished, null, 3, new LocalDate(2040, 1, 1), Paris).ShouldBeFalse();
        Retention.RefuseErasure(finished).ShouldBe(Retention.AlreadyErased);
    }
}
