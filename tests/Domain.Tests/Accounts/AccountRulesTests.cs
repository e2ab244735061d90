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
    public void Ten_attempts_are_checked_in_a_window_and_the_eleventh_waits_for_it_to_close()
    {
        var start = Instant.FromUtc(2026, 10, 5, 8, 0);
        var now = start + Duration.FromMinutes(10);
        AccountRules.LockedFor(10, start, now).ShouldBeNull();
        AccountRules.LockedFor(11, start, now).ShouldBe(Duration.FromMinutes(5));
        AccountRules.LockedFor(60, start, now).ShouldBe(Duration.FromMinutes(5));
        AccountRules.LockedFor(11, start, start + Duration.FromMinutes(15)).ShouldBeNull();
    }
}
