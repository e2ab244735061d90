using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Accounts;

/// <summary>A refused account change, with the French reason a clerk reads.</summary>
public sealed record AccountRefusal(string Detail);

public sealed record AccountDecision(IReadOnlyList<object> Events, AccountRefusal? Refusal)
{
    public static AccountDecision Refuse(string detail) => new([], new AccountRefusal(detail));
    public static AccountDecision Emit(params object[] events) => new(events, null);
}

/// <summary>
/// Staff manage the staff and kitchen logins: deactivate, reactivate, change role. The commune must always keep
/// one staff account able to log in, or nobody could create families or accounts again.
/// </summary>
public static class StaffAccountDecider
{
    public const string LastStaffAccount =
        "C'est le dernier compte du personnel actif : créez ou réactivez un autre compte du personnel avant de le désactiver.";

    /// <summary><paramref name="activeStaff"/> counts the staff accounts that can log in, the target included.</summary>
    public static AccountDecision Deactivate(Account target, int activeStaff, Actor by, Instant now)
    {
        if (target.Deactivated) return AccountDecision.Refuse("Ce compte est déjà désactivé.");
        if (IsLastActiveStaff(target, activeStaff)) return AccountDecision.Refuse(LastStaffAccount);
        return AccountDecision.Emit(new AccountDeactivated(target.Id, by, now));
    }

    public static AccountDecision Reactivate(Account target, Actor by, Instant now) =>
        target.Deactivated
            ? AccountDecision.Emit(new AccountReactivated(target.Id, by, now))
            : AccountDecision.Refuse("Ce compte n'est pas désactivé.");

    /// <summary>The same role again changes nothing; taking "staff" from the last active staff account is refused.</summary>
    public static AccountDecision ChangeRole(Account target, string role, int activeStaff, Actor by, Instant now)
    {
        if (role == target.Role) return AccountDecision.Emit();
        if (target.Role == Roles.Staff && IsLastActiveStaff(target, activeStaff))
            return AccountDecision.Refuse("C'est le dernier compte du personnel actif : il doit garder le rôle « staff ».");
        return AccountDecision.Emit(new AccountRoleChanged(target.Id, target.Role, role, by, now));
    }

    private static bool IsLastActiveStaff(Account target, int activeStaff) =>
        target.Role == Roles.Staff && target.CanSignIn && activeStaff <= 1;

    /// <summary>The account document after an event of its stream. Every one of them ends the account's sessions.</summary>
    public static void Apply(Account account, object @event)
    {
        switch (@event)
        {
            case AccountDeactivated: account.Deactivated = true; break;
            case AccountReactivated: account.Deactivated = false; break;
            case AccountRoleChanged changed: account.Role = changed.To; break;
            case AccountSessionsEnded: break;
            default: throw new ArgumentException($"Not an account event: {@event.GetType().Name}", nameof(@event));
        }
        account.SessionVersion++;
    }
}
