using System.Globalization;

namespace PortailFamille.Domain.Common;

/// <summary>Amounts as French documents write them: "1 234,50 €" (an ordinary space between thousands: every font has it).</summary>
public static class Euros
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Format(long cents) =>
        (cents / 100m).ToString("#,##0.00", French).Replace('\u202F', ' ').Replace('\u00A0', ' ') + " €";
}
