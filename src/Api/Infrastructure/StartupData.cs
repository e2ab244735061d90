using Marten;
using NodaTime;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Demo;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// Start-up data, all idempotent: the shipped school calendar, the bootstrap staff account,
/// and the demo commune when <c>Demo__Seed</c> is on.
/// </summary>
public sealed class StartupData(IDocumentStore store, IClock clock, BootstrapSettings bootstrap, DemoSettings demo,
    IServiceProvider services, ILogger<StartupData> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellation)
    {
        Cause.Current = new Cause("startup", "startup");
        await SeedCalendarAsync(cancellation);
        await BootstrapStaffAsync(cancellation);
        if (demo.Seed) await ActivatorUtilities.CreateInstance<DemoCommune>(services).SeedAsync(cancellation);
    }

    public Task StopAsync(CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Shipped school holidays not recorded yet go through the closure work, like an import.</summary>
    private async Task SeedCalendarAsync(CancellationToken cancellation)
    {
        IReadOnlyList<CalendarPeriod> missing;
        await using (var session = store.QuerySession())
            missing = CommuneCalendar.NotYetRecorded(await session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation),
                ShippedSchoolHolidays.Load());
        if (missing.Count == 0) return;
        await services.GetRequiredService<Bookings.BookingDesk>().SubmitAsync<object>(new Bookings.ClosureWork(missing, Actor.System), cancellation);
        logger.LogInformation("Recorded {Count} shipped school-holiday periods", missing.Count);
    }

    private async Task BootstrapStaffAsync(CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(bootstrap.StaffEmail) || string.IsNullOrWhiteSpace(bootstrap.StaffPassword)) return;
        await using var session = store.LightweightSession();
        if (await AccountService.FindByEmailAsync(session, bootstrap.StaffEmail, cancellation) is not null) return;
        if (!AccountRules.MeetsPolicy(bootstrap.StaffPassword))
            throw new InvalidOperationException("Bootstrap__StaffPassword does not meet the password policy. " + AccountRules.PasswordPolicy);
        var account = new Account
        {
            Id = Guid.NewGuid(), Email = Domain.Families.FamilyRules.NormalizeEmail(bootstrap.StaffEmail), Role = Roles.Staff,
            Active = true, CreatedAt = clock.GetCurrentInstant(),
        };
        account.PasswordHash = AccountService.Hasher.HashPassword(account, bootstrap.StaffPassword);
        session.Store(account);
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Created the bootstrap staff account");
    }
}
