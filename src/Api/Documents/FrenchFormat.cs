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

    public static string Euros(long cents) => Domain.Common.Euros.Format(cents);
}
