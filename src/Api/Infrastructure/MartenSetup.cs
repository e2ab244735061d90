using JasperFx;
using JasperFx.Events;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Requests;
using PortailFamille.Api.Privacy;
using PortailFamille.Api.Payments;
using PortailFamille.Api.Money;
using PortailFamille.Api.Families;
using PortailFamille.Api.Calendar;
using PortailFamille.Api.Activities;
using PortailFamille.Api.Accounts;

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
        // Enums "as strings" so that LINQ compares a status with the string stored (Marten asks the serializer for it). The
        // converter Marten adds for that is taken out again: each vocabulary enum brings its own, with the strings of the
        // contract (Domain/Common/Vocabulary.cs), and the other enums (weekdays) stay stored as they always were, as numbers.
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, configure: o =>
        {
            o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
            foreach (var byName in o.Converters.OfType<System.Text.Json.Serialization.JsonStringEnumConverter>().ToList()) o.Converters.Remove(byName);
        });
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

        // Each feature declares its own documents, projections and tables (the feature folder's *Setup.cs).
        opts.ConfigureAccounts()
            .ConfigureCalendar()
            .ConfigureActivities()
            .ConfigureFamilies()
            .ConfigureBookings()
            .ConfigureRequests()
            .ConfigureMoney()
            .ConfigurePayments()
            .ConfigurePrivacy();
        Idempotency.AddTable(opts);
        SweepLease.AddTable(opts);
    }
}
