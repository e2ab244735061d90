using System.Text.Json.Serialization;
using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Accounts;

/// <summary>Why every session of an account was ended (each raises its session version). Stored as these names since
/// the first such event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionEndReason>))]
public enum SessionEndReason
{
    [JsonStringEnumMemberName("Logout")] Logout,
    [JsonStringEnumMemberName("PasswordChanged")] PasswordChanged,
    [JsonStringEnumMemberName("PasswordReset")] PasswordReset,
    [JsonStringEnumMemberName("EmailChanged")] EmailChanged,
}

// Events of an account's own stream (stream id = account id): what staff did to it and when sessions ended.
public sealed record AccountDeactivated(Guid AccountId, Actor By, Instant At);

public sealed record AccountReactivated(Guid AccountId, Actor By, Instant At);

public sealed record AccountRoleChanged(Guid AccountId, string From, string To, Actor By, Instant At);

public sealed record AccountSessionsEnded(Guid AccountId, SessionEndReason Reason, Actor By, Instant At);
