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
public sealed class StartupData(IDocumentStore store, CommuneDirectory communes, IClock clock, BootstrapSettings bootstrap, DemoSettings demo,
    IServiceProvider services, ILogger<StartupData> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellation)
    {
        Causation.Current = new Causation("startup", "startup");
        foreach (var commune in communes.All)
        {
            await using var scope = services.ForCommune(commune);
            await SeedCalendarAsync(commune, scope.ServiceProvider, cancellation);
            await BootstrapStaffAsync(commune, commune.Bootstrap ?? bootstrap, cancellation);
            if (demo.Seed) await ActivatorUtilities.CreateInstance<DemoCommune>(scope.ServiceProvider).SeedAsync(cancellation);
        }
    }

    public Task StopAsync(CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Shipped school holidays not recorded yet go through the closure work, like an import.</summary>
    private async Task SeedCalendarAsync(CommuneEntry commune, IServiceProvider scope, CancellationToken cancellation)
    {
        IReadOnlyList<CalendarPeriod> missing;
        await using (var session = store.QuerySession(commune.TenantId))
            missing = CommuneCalendar.NotYetRecorded(await session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation),
                ShippedSchoolHolidays.Load());
        if (missing.Count == 0) return;
        await scope.GetRequiredService<Bookings.BookingDesk>().SubmitAsync<object>(new Bookings.ClosureWork(missing, Actor.System), cancellation);
        logger.LogInformation("Recorded {Count} shipped school-holiday periods in {Commune}", missing.Count, commune.Id);
    }

    private async Task BootstrapStaffAsync(CommuneEntry commune, BootstrapSettings bootstrap, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(bootstrap.StaffEmail) || string.IsNullOrWhiteSpace(bootstrap.StaffPassword)) return;
        await using var session = store.LightweightSession(commune.TenantId);
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
        logger.LogInformation("Created the bootstrap staff account of {Commune}", commune.Id);
    }
}
