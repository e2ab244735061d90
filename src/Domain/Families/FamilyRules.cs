using System.Net.Mail;
using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

public static class FamilyRules
{
    /// <summary>The number to call about a child (a driver, a teacher): the first of mobile 1, mobile 2, home, work 1, work 2.</summary>
    public static string? ContactPhone(Phones phones) =>
        new[] { phones.Mobile1, phones.Mobile2, phones.Home, phones.Work1, phones.Work2 }.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p));

    public const int MaxQuotientFamilial = 100_000;
    public static readonly string[] Civilities = ["M", "Mme"];
    public static readonly string[] Sexes = ["M", "F"];
    public static readonly string[] Regimes = ["CAF", "MSA", "AUTRE"];

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Any(char.IsWhiteSpace)) return false;
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && value.Contains('.', StringComparison.Ordinal);
    }

    public static bool IsPhone(string? value) =>
        value is null || (value.Length is >= 6 and <= 20 && value.All(c => char.IsDigit(c) || c is ' ' or '.' or '+' or '-'));

    public static void CheckPhones(Errors errors, string field, Phones? phones)
    {
        if (phones is null) return;
        foreach (var (name, value) in new[] { ("home", phones.Home), ("mobile1", phones.Mobile1), ("mobile2", phones.Mobile2), ("work1", phones.Work1), ("work2", phones.Work2) })
            errors.Require(IsPhone(value), $"{field}.{name}", "Numéro de téléphone invalide (6 à 20 chiffres, espaces, points, + ou -).");
    }

    /// <summary>A child's birth date: past, and under 25 years ago (the services are for children).</summary>
    public static Errors CheckBirthDate(Errors errors, string field, LocalDate birthDate, LocalDate today) =>
        errors.Require(IsBirthDate(birthDate, today), field, BirthDateRule);

    public const string BirthDateRule = "La date de naissance doit être passée et de moins de 25 ans.";

    public static bool IsBirthDate(LocalDate birthDate, LocalDate today) => birthDate <= today && birthDate > today.PlusYears(-25);

    public static void CheckQuotient(Errors errors, string field, int quotient) =>
        errors.Require(quotient is >= 0 and <= MaxQuotientFamilial, field, $"Le quotient familial doit être compris entre 0 et {MaxQuotientFamilial}.");
}
