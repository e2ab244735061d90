using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Bookings;

/// <summary>What the bookings feature adds to Marten and to the container: the inscriptions, the seat tables, the
/// headcounts, and the booking desk with its sweeper.</summary>
public static class BookingsSetup
{
    public static StoreOptions ConfigureBookings(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Inscription>(SnapshotLifecycle.Inline);
        opts.Schema.For<Inscription>().Index(i => i.FamilyId).Index(i => i.ChildId);
        opts.AddSeatTables(MartenSetup.Schema);
        opts.Projections.Add<Projections.Headcounts.DayHeadcountProjection>(ProjectionLifecycle.Async);
        // Staff views may lag at most a second: poll for new events often, also when idle.
        opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
        return opts;
    }

    public static IServiceCollection AddBookings(this IServiceCollection services) => services
        .AddScoped<RulesLoader>()
        .AddSingleton<BookingDesks>()
        .AddHostedService(sp => sp.GetRequiredService<BookingDesks>())
        .AddScoped<BookingDesk>()
        .AddHostedService<BookingSweeper>();
}
