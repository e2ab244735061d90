namespace PortailFamille.Domain.Common;

/// <summary>What staff answer to something waiting for them (a family's request, a booking to validate): accept or refuse,
/// with a reason of at most 500 characters.</summary>
public static class StaffDecision
{
    public const string Accept = "accept";
    public const string Refuse = "refuse";

    public static Errors Check(string? decision, string? reason) => new Errors()
        .Require(decision is Accept or Refuse, "decision", "La décision doit être « accept » ou « refuse ».")
        .Require(reason is null || reason.Length <= 500, "reason", "Le motif ne doit pas dépasser 500 caractères.");

    public static bool Accepts(string decision) => decision == Accept;
}
