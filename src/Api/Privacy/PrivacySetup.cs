using Marten;

namespace PortailFamille.Api.Privacy;

/// <summary>What privacy (RGPD) adds to Marten and to the container: masking rules, the access journal, erasure, retention
/// and the daily housekeeping.</summary>
public static class PrivacySetup
{
    public static StoreOptions ConfigurePrivacy(this StoreOptions opts)
    {
        PersonalDataMasking.AddRules(opts);
        opts.Schema.For<FamilyAccess>().Index(a => a.FamilyId);
        opts.RegisterDocumentType<HousekeepingRun>();
        return opts;
    }

    public static IServiceCollection AddPrivacy(this IServiceCollection services, RetentionSettings retention) => services
        .AddScoped<AccessJournal>()
        .AddScoped<FamilyErasure>()
        .AddSingleton(retention)
        .AddScoped<RetentionSweep>()
        .AddScoped<Housekeeping>();
}
