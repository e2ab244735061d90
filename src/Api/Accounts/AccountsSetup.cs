using Marten;
using PortailFamille.Domain.Accounts;

namespace PortailFamille.Api.Accounts;

/// <summary>What the accounts feature adds to Marten and to the container.</summary>
public static class AccountsSetup
{
    public static StoreOptions ConfigureAccounts(this StoreOptions opts)
    {
        opts.Schema.For<Account>().UniqueIndex(a => a.Email);
        opts.Schema.For<OneTimeToken>().Identity(t => t.Id).Index(t => t.AccountId);
        LoginThrottle.AddTable(opts);
        SessionVersions.AddTable(opts);
        return opts;
    }

    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddSingleton<SessionVersions>()
        .AddScoped<LoginThrottle>()
        .AddSingleton<PasswordChecks>();
}
