using NodaTime;

namespace PortailFamille.Domain.Accounts;

public static class AccountRules
{
    public static readonly Duration ActivationLifetime = Duration.FromDays(7);
    public static readonly Duration ResetLifetime = Duration.FromHours(1);
    public static readonly Duration AccessTokenLifetime = Duration.FromHours(2);
    public static readonly Duration LockoutWindow = Duration.FromMinutes(15);
    public const int LockoutThreshold = 10;
    public const int MaxPasswordLength = 128;

    public const string PasswordPolicy =
        "Le mot de passe doit contenir au moins 12 caractères, dont une majuscule, une minuscule, un chiffre et un caractère spécial.";

    /// <summary>CNIL recommendation: at least 12 characters mixing upper case, lower case, digits and others.</summary>
    public static bool MeetsPolicy(string? password) =>
        password is { Length: >= 12 and <= MaxPasswordLength }
        && password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit)
        && password.Any(c => !char.IsLetterOrDigit(c));

    /// <summary>
    /// Login attempts are counted per address in a window opened by the first attempt, before the password is
    /// checked: the attempt that makes the count exceed the threshold is refused, and so is every other until
    /// the window closes. Null while this attempt may be checked; otherwise how long until the window closes.
    /// </summary>
    public static Duration? LockedFor(int attemptsInWindow, Instant windowStart, Instant now) =>
        attemptsInWindow > LockoutThreshold && now < windowStart + LockoutWindow ? windowStart + LockoutWindow - now : null;
}
