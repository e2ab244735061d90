using NodaTime;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Accounts;

/// <summary>Given an account and the roster, when staff act on it, then these events (or this refusal).</summary>
public class StaffAccountDeciderTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 5, 8, 0);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());

    private static Account Staff(bool deactivated = false, string role = Roles.Staff) => new()
    {
        Id = Guid.NewGuid(), Email = "agent@mairie.test", Role = role, Active = true, PasswordHash = "hash", Deactivated = deactivated,
    };

    [Fact]
    public void Deactivating_one_of_two_active_staff_accounts_records_who_and_when()
    {
        var target = Staff();
        var decision = StaffAccountDecider.Deactivate(target, activeStaff: 2, Clerk, Now);
        decision.Refusal.ShouldBeNull();
        decision.Events.ShouldBe([new AccountDeactivated(target.Id, Clerk, Now)]);
    }

    [Fact]
    public void The_last_active_staff_account_is_neither_deactivated_nor_demoted()
    {
        var target = Staff();
        StaffAccountDecider.Deactivate(target, activeStaff: 1, Clerk, Now).Refusal!.Detail.ShouldBe(StaffAccountDecider.LastStaffAccount);
        StaffAccountDecider.ChangeRole(target, Roles.Kitchen, activeStaff: 1, Clerk, Now).Refusal.ShouldNotBeNull();
        StaffAccountDecider.Deactivate(target, activeStaff: 1, Clerk, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_kitchen_account_or_one_that_cannot_log_in_is_never_the_last_staff_account()
    {
        StaffAccountDecider.Deactivate(Staff(role: Roles.Kitchen), activeStaff: 1, Clerk, Now).Refusal.ShouldBeNull();
        var neverActivated = Staff();
        neverActivated.PasswordHash = null;
        StaffAccountDecider.Deactivate(neverActivated, activeStaff: 1, Clerk, Now).Refusal.ShouldBeNull();
    }

    [Fact]
    public void Deactivating_twice_or_reactivating_an_active_account_is_refused()
    {
        StaffAccountDecider.Deactivate(Staff(deactivated: true), activeStaff: 3, Clerk, Now).Refusal.ShouldNotBeNull();
        StaffAccountDecider.Reactivate(Staff(), Clerk, Now).Refusal.ShouldNotBeNull();
        var deactivated = Staff(deactivated: true);
        StaffAccountDecider.Reactivate(deactivated, Clerk, Now).Events.ShouldBe([new AccountReactivated(deactivated.Id, Clerk, Now)]);
    }

    [Fact]
    public void The_same_role_again_records_nothing_and_a_new_one_says_from_and_to()
    {
        var target = Staff();
        StaffAccountDecider.ChangeRole(target, Roles.Staff, activeStaff: 1, Clerk, Now).Events.ShouldBeEmpty();
        StaffAccountDecider.ChangeRole(target, Roles.Kitchen, activeStaff: 2, Clerk, Now).Events
            .ShouldBe([new AccountRoleChanged(target.Id, Roles.Staff, Roles.Kitchen, Clerk, Now)]);
    }

    [Fact]
    public void Every_account_event_ends_the_sessions_and_changes_what_it_says()
    {
        var account = Staff();
        StaffAccountDecider.Apply(account, new AccountRoleChanged(account.Id, Roles.Staff, Roles.Kitchen, Clerk, Now));
        account.Role.ShouldBe(Roles.Kitchen);
        StaffAccountDecider.Apply(account, new AccountDeactivated(account.Id, Clerk, Now));
        account.CanSignIn.ShouldBeFalse();
        StaffAccountDecider.Apply(account, new AccountReactivated(account.Id, Clerk, Now));
        StaffAccountDecider.Apply(account, new AccountSessionsEnded(account.Id, SessionEndReason.Logout, account.Actor, Now));
        account.CanSignIn.ShouldBeTrue();
        account.SessionVersion.ShouldBe(4);
    }
}
