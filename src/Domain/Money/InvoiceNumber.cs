namespace PortailFamille.Domain.Money;

/// <summary>Invoice and credit-note numbers: <c>YYYY-NNNNNN</c>, one gapless sequence per calendar year of issue.</summary>
public static class InvoiceNumber
{
    public static string Format(int year, long sequence) =>
        sequence is < 1 or > 999_999 ? throw new ArgumentOutOfRangeException(nameof(sequence)) : $"{year:D4}-{sequence:D6}";
}
