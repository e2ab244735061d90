using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace PortailFamille.Domain.Payments;

/// <summary>What PayFiP's answers mean, and its rules for the fields of a payment request (API.md).</summary>
public static partial class PayFiPRules
{
    public const int MinimumCents = 100;
    /// <summary>How long a pending payment may stay unfinished (P5) before it is given up.</summary>
    public static readonly Duration WaitForResult = Duration.FromMinutes(20);
    /// <summary>How long PayFiP keeps an idOp that was never completed.</summary>
    public static readonly Duration IdOpLifetime = Duration.FromMinutes(15);

    [GeneratedRegex("^[0-9]{6}$")] public static partial Regex Numcli();
    [GeneratedRegex("^[0-9]{4}$")] public static partial Regex Exer();
    [GeneratedRegex("^[A-Za-z0-9]{6,30}$")] public static partial Regex Refdet();
    [GeneratedRegex("^[A-Za-z0-9 ]{0,100}$")] public static partial Regex Objet();
    [GeneratedRegex("^[0-9]+$")] private static partial Regex Digits();

    /// <summary>The status a <c>resultrans</c> leads to; null for a code PayFiP does not send.</summary>
    public static PaymentStatus? StatusOf(string resultrans) => resultrans switch
    {
        "P" or "V" => PaymentStatus.Paid,
        "R" or "Z" => PaymentStatus.Refused,
        "A" => PaymentStatus.Cancelled,
        _ => null,
    };

    /// <summary>Whether a payment still unfinished at PayFiP (P5) should be given up now.</summary>
    public static bool GiveUp(Instant initiatedAt, Instant now) => now - initiatedAt >= WaitForResult;

    /// <summary>
    /// The fields of PayFiP's answer that differ from what the portal sent for this payment (amount, reference, client,
    /// year, operation). Money moves only when none does: an answer about another payment credits nothing.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(OnlinePayment payment, string expectedNumcli, int expectedExer,
        string montant, string refdet, string numcli, string exer, string idOp)
    {
        var fields = new List<string>();
        if (montant != payment.AmountCents.ToString(System.Globalization.CultureInfo.InvariantCulture)) fields.Add("montant");
        if (refdet != payment.Refdet) fields.Add("refdet");
        if (numcli != expectedNumcli) fields.Add("numcli");
        if (exer != expectedExer.ToString(System.Globalization.CultureInfo.InvariantCulture)) fields.Add("exer");
        if (idOp != payment.IdOp) fields.Add("idOp");
        return fields;
    }

    /// <summary>The refdet of a payment: "PF" and 16 letters and digits of its id (unique, within PayFiP's 6–30).</summary>
    public static string RefdetFor(Guid paymentId) => "PF" + paymentId.ToString("N")[..16].ToUpperInvariant();

    /// <summary>The objet: the invoice numbers, in ASCII letters, digits and spaces only, at most 100 characters.</summary>
    public static string ObjetFor(IEnumerable<string> invoiceNumbers)
    {
        var text = "Factures " + string.Join(' ', invoiceNumbers.Select(n => new string(n.Where(char.IsAsciiLetterOrDigit).ToArray())));
        return text.Length <= 100 ? text : text[..100].TrimEnd();
    }

    /// <summary>The fields PayFiP would refuse, by name (empty when the request is acceptable).</summary>
    public static IReadOnlyList<string> Invalid(string numcli, string exer, string refdet, string objet, string montant, string mel, string saisie)
    {
        var invalid = new List<string>();
        if (!Numcli().IsMatch(numcli)) invalid.Add("numcli");
        if (!Exer().IsMatch(exer)) invalid.Add("exer");
        if (!Refdet().IsMatch(refdet)) invalid.Add("refdet");
        if (!Objet().IsMatch(objet) || Encoding.UTF8.GetByteCount(objet) != objet.Length) invalid.Add("objet");
        if (!Digits().IsMatch(montant) || !long.TryParse(montant, out var cents) || cents < MinimumCents) invalid.Add("montant");
        if (mel.Length is < 6 or > 80 || !mel.Contains('@')) invalid.Add("mel");
        if (saisie is not ("T" or "X" or "W")) invalid.Add("saisie");
        return invalid;
    }
}
