using NodaTime;
using PortailFamille.Domain.Accounts;

namespace PortailFamille.Domain.Tests.Accounts;

public class AccountRulesTests
{
    [Theory]
    [InlineData("Abcdefghij1!", true)]
    [InlineData("Abcdefghi1!", false)]   // 11 characters
    [InlineData("abcdefghij1!", false)]  // no upper case
    [InlineData("ABCDEFGHIJ1!", false)]  // no lower case
    [InlineData("Abcdefghijk!", false)]  // no digit
    [InlineData("Abcdefghijk1", false)]  // no other character
    [InlineData("", false)]
    public void Password_policy_follows_the_cnil(string password, bool accepted) =>
        AccountRules.MeetsPolicy(password).ShouldBe(accepted);

    [Fact]
    public void Ten_failures_within_fifteen_minutes_lock_until_the_oldest_leaves_the_window()
    {
        var now = Instant.FromUtc(2026, 10, 5, 8, 0);
        var failures = Enumerable.Range(0, 10).Select(i => now - Duration.FromMinutes(10 - i)).ToList();
        AccountRules.LockedFor(failures, now).ShouldBe(Duration.FromMinutes(5));
        AccountRules.LockedFor(failures.Skip(1).ToList(), now).ShouldBeNull();
        AccountRules.LockedFor(failures, now + Duration.FromMinutes(5)).ShouldBeNull();
    }
}
