using NodaTime;

namespace PortailFamille.Domain.Inscriptions;

/// <summary>One child in one activity for a period, in one group: one event stream.</summary>
public sealed record Inscription(
    Guid Id, Guid FamilyId, Guid ChildId, string ActivityCode, string Group, LocalDate From, LocalDate To)
{
    public static Inscription Create(InscriptionOpened e) =>
        new(e.InscriptionId, e.FamilyId, e.ChildId, e.ActivityCode, e.Group, e.From, e.To);

    public Inscription Apply(InscriptionGroupChanged e) => this with { Group = e.Group };

    public Inscription Apply(InscriptionEndChanged e) => this with { To = e.To };

    public bool Overlaps(LocalDate from, LocalDate to) => From <= to && from <= To;
}
