using System.Text.Json.Serialization;
using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Accounts;

public static class Roles
{
    public const string Parent = "parent";
    public const string Staff = "staff";
    public const string Kitchen = "kitchen";
    public const string StaffOrKitchen = "staff,kitchen";
    /// <summary>A shuttle's driver (or its company): the lines and their trips' lists of children, nothing else.</summary>
    public const string Driver = "driver";
    public const string StaffOrDriver = "staff,driver";
    /// <summary>The accounts staff create (not a family's).</summary>
    public static readonly string[] OfTheMairie = [Staff, Kitchen, Driver];
    /// <summary>Every signed-in role.</summary>
    public const string Anyone = "parent,staff,kitchen,driver";
}

/// <summary>A login. Parents' accounts are created with their family file; staff and kitchen ones by staff.</summary>
public sealed class Account
{
    public Guid Id { get; set; }
    /// <summary>Lower-cased; one account per address.</summary>
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.Parent;
    public Guid? FamilyId { get; set; }
    public string? PasswordHash { get; set; }
    /// <summary>Activated: a password was chosen from the e-mailed link (false again after an e-mail change).</summary>
    public bool Active { get; set; }
    /// <summary>Ended by staff: cannot log in until reactivated (staff and kitchen accounts).</summary>
    public bool Deactivated { get; set; }
    /// <summary>Carried in every token; raised whenever existing sessions must end, so older tokens are refused.</summary>
    public int SessionVersion { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>May log in and keep its sessions.</summary>
    [JsonIgnore] public bool CanSignIn => Active && !Deactivated && PasswordHash is not null;

    [JsonIgnore] public bool IsStaffOrKitchen => Roles.OfTheMairie.Contains(Role);

    /// <summary>The author recorded on what this account does (kitchen accounts act as staff).</summary>
    [JsonIgnore] public Actor Actor => Role == Roles.Parent ? Actor.Parent(Id) : Actor.Staff(Id);
}

public static class TokenPurposes
{
    public const string Activation = "activation";
    public const string PasswordReset = "password-reset";
}

/// <summary>A single-use e-mailed link; only the SHA-256 of the token is stored.</summary>
public sealed class OneTimeToken
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
    public string Purpose { get; set; } = "";
    public Instant ExpiresAt { get; set; }
    public Instant? UsedAt { get; set; }
    public bool Revoked { get; set; }

    public bool IsUsableAt(Instant now, string purpose) =>
        Purpose == purpose && UsedAt is null && !Revoked && now < ExpiresAt;
}

/// <summary>One failed login for an address (known or not), for the lockout window.</summary>
public sealed class LoginFailure
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public Instant At { get; set; }
    /// <summary>The same instant as a number, because Marten's LINQ cannot compare NodaTime values.</summary>
    public long AtUnixMs { get; set; }
}
