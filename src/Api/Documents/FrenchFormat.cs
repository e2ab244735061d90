using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PortailFamille.Api.Documents;

/// <summary>Dates and amounts as French documents write them: "5 octobre 2026", "1 234,50 €".</summary>
public static class FrenchFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly LocalDatePattern LongDate = LocalDatePattern.Create("d MMMM uuuu", Culture);
    private static readonly LocalDatePattern ShortDate = LocalDatePattern.Create("dd/MM/uuuu", Culture);
    private static readonly YearMonthPattern Month = YearMonthPattern.Create("MMMM uuuu", Culture);

    public static string Date(LocalDate date) => LongDate.Format(date);
    public static string Short(LocalDate date) => ShortDate.Format(date);
    public static string MonthName(YearMonth month) => Month.Format(month);

    /// <summary>Euros from cents, with an ordinary space between thousands (every PDF font has it).</summary>
    public static string Euros(long cents)
    {
        var text = (cents / 100m).ToString("#,##0.00", Culture).Replace('\u202F', ' ').Replace('\u00A0', ' ');
        return $"{text} €";
    }
}
