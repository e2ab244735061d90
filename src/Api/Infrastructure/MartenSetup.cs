using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using PortailFamille.Api.Bookings;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Infrastructure;

public static class MartenSetup
{
    public const string Schema = "portail";

    public static void ConfigurePortail(this StoreOptions opts, CommuneDirectory communes, CommuneDatabases databases, bool automaticSchemaChanges)
    {
        // One commune: its database, as a single-tenant store (sessions still name the commune, which it ignores).
        // Several: one database per commune, the tenant id being the commune's id; a session that names none throws.
        opts.DataSourceFactory(databases, communes.First.ConnectionString);
        if (!communes.Single)
            opts.MultiTenantedDatabases(tenancy =>
            {
                foreach (var commune in communes.All) tenancy.AddSingleTenantDatabase(commune.ConnectionString, commune.Id);
            });
        opts.ConfigurePortailSchema(automaticSchemaChanges);
    }

    /// <summary>One database on its own (a scratch copy, a test's look at a commune's database).</summary>
    public static void ConfigurePortail(this StoreOptions opts, Npgsql.NpgsqlDataSource dataSource, bool automaticSchemaChanges)
    {
        opts.Connection(dataSource);
        opts.ConfigurePortailSchema(automaticSchemaChanges);
    }

    private static void ConfigurePortailSchema(this StoreOptions opts, bool automaticSchemaChanges)
    {
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(configure: o => o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Aggregates fetched for writing are reused by their inline snapshot projection on save.
        opts.Events.UseIdentityMapForAggregates = true;
        // Who and why, on every event: user name, correlation and causation ids (stamped by EventMetadataListener).
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Listeners.Add(new EventMetadataListener());
        // Outside Development and Testing the schema changes only through `db-apply`, which creates what is declared
        // here: every document type is declared (StagingHostTests starts a Staging host on a database made by db-apply).
        if (!automaticSchemaChanges) opts.AutoCreateSchemaObjects = AutoCreate.None;

        opts.ConfigureAccounts();
        opts.ConfigureCalendar();
        opts.ConfigureActivities();
        opts.ConfigureFamilies();
        opts.AddSeatTables(Schema);
        opts.Projections.Add<PortailFamille.Projections.Headcounts.DayHeadcountProjection>(ProjectionLifecycle.Async);
        // Staff views may lag at most a second: poll for new events often, also when idle.
        opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
        Idempotency.AddTable(opts);
        SweepLease.AddTable(opts);
        opts.ConfigureMoney();
        PortailFamille.Api.Privacy.PersonalDataMasking.AddRules(opts);
        opts.Schema.For<PortailFamille.Api.Privacy.FamilyAccess>().Index(a => a.FamilyId);
        opts.RegisterDocumentType<PortailFamille.Api.Privacy.HousekeepingRun>();
    }

    private static void ConfigureMoney(this StoreOptions opts)
    {
        // Inline, so the account pages show an invoice, a credit note or a payment as soon as it is recorded.
        opts.Projections.Snapshot<PortailFamille.Domain.Money.Invoice>(SnapshotLifecycle.Inline);
        opts.Schema.For<PortailFamille.Domain.Money.Invoice>().Index(i => i.FamilyId).Index(i => i.Month).UniqueIndex(i => i.Number);
        opts.Projections.Add<PortailFamille.Projections.Money.InscriptionAccountProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<PortailFamille.Projections.Money.InscriptionAccount>().Index(a => a.FamilyId);
        opts.Projections.Add<PortailFamille.Projections.Money.FamilyAccountProjection>(ProjectionLifecycle.Inline);
        PortailFamille.Api.Money.DocumentNumbers.AddTable(opts);
        opts.Projections.Snapshot<PortailFamille.Domain.Payments.OnlinePayment>(SnapshotLifecycle.Inline);
        opts.Schema.For<PortailFamille.Domain.Payments.OnlinePayment>().Index(p => p.FamilyId).UniqueIndex(p => p.IdOp);
        opts.Schema.For<PortailFamille.Api.Payments.SimulatedPayFiPOperation>().Identity(o => o.Id);
        opts.RegisterDocumentType<PortailFamille.Api.Payments.PayFiPMismatch>();
        PortailFamille.Api.Payments.PaymentClaims.Configure(opts);
    }

    private static void ConfigureAccounts(this StoreOptions opts)
    {
        opts.Schema.For<Account>().UniqueIndex(a => a.Email);
        opts.Schema.For<OneTimeToken>().Identity(t => t.Id).Index(t => t.AccountId);
        PortailFamille.Api.Accounts.LoginThrottle.AddTable(opts);
        PortailFamille.Api.Accounts.SessionVersions.AddTable(opts);
    }

    private static void ConfigureCalendar(this StoreOptions opts) =>
        opts.Projections.Snapshot<CommuneCalendar>(SnapshotLifecycle.Inline);

    private static void ConfigureActivities(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Activity>(SnapshotLifecycle.Inline);
        opts.Schema.For<Activity>().UniqueIndex(a => a.Code);
    }

    private static void ConfigureFamilies(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Family>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Inscription>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<PortailFamille.Domain.Requests.FamilyRequest>(SnapshotLifecycle.Inline);
        opts.Schema.For<PortailFamille.Domain.Requests.FamilyRequest>().Index(r => r.FamilyId);
        // Inline, so the dashboard shows a change as soon as the request that made it has answered.
        opts.Projections.Add<PortailFamille.Projections.Dashboard.DashboardProjection>(ProjectionLifecycle.Inline);
        // Lines are closed by their cell (a patch with a where clause): indexed, or each closure scans the table.
        opts.Schema.For<PortailFamille.Projections.Dashboard.DashboardEntry>().Index(d => d.Owner).Index(d => d.Cell);
        opts.Schema.For<Inscription>().Index(i => i.FamilyId).Index(i => i.ChildId);
    }
}
