using JasperFx.CommandLine;
using Marten;
using Npgsql;
using PortailFamille.Api.Accounts;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;

namespace PortailFamille.Api.Infrastructure;

public sealed class CommunesInput : NetCoreInput;

/// <summary><c>dotnet PortailFamille.Api.dll communes</c>: the deployment's communes, where their data lives, and how much.</summary>
[Description("Lists the communes of the deployment: host names, database, families and events", Name = "communes")]
public sealed class CommunesCommand : JasperFxAsyncCommand<CommunesInput>
{
    public override async Task<bool> Execute(CommunesInput input)
    {
        using var host = input.BuildHost();
        var communes = host.Services.GetRequiredService<CommuneDirectory>();
        var databases = host.Services.GetRequiredService<CommuneDatabases>();
        Console.WriteLine($"{communes.All.Count} commune(s); platform database: {Where(communes.PlatformConnectionString)}");
        var reachable = true;
        foreach (var commune in communes.All)
        {
            string counts;
            try
            {
                await using var command = databases.For(commune).CreateCommand(
                    $"select (select count(*) from {MartenSetup.Schema}.mt_doc_family), (select count(*) from {MartenSetup.Schema}.mt_events)");
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                counts = $"{reader.GetInt64(0)} families, {reader.GetInt64(1)} events";
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                counts = $"unreachable or without its schema ({e.Message.Split('\n')[0]})";
                reachable = false;
            }
            var hosts = commune.Hosts.Length == 0 ? "any host" : string.Join(", ", commune.Hosts);
            Console.WriteLine($"- {commune.Id}: {commune.Commune.Name} — {hosts} — {Where(commune.ConnectionString)} — {counts}");
        }
        return reachable;
    }

    /// <summary>Server and database, never the password.</summary>
    public static string Where(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}

public sealed class AddCommuneInput : NetCoreInput
{
    [Description("The commune's id: lower-case letters, digits and '-' (it is carried by its tokens)")]
    public string IdFlag { get; set; } = "";

    [Description("Its host name, e.g. saint-pargoire.portail-famille.fr")]
    public string HostFlag { get; set; } = "";

    [Description("Connection string of its database, on the server chosen for it (the database is created if missing)")]
    public string DatabaseFlag { get; set; } = "";

    [Description("Its name, as parents read it (\"Mairie de Saint-Pargoire\")")]
    public string NameFlag { get; set; } = "";

    [Description("E-mail of its first staff account")]
    public string StaffEmailFlag { get; set; } = "";

    [Description("Password of its first staff account (the password policy applies)")]
    public string StaffPasswordFlag { get; set; } = "";
}

/// <summary>
/// <c>dotnet PortailFamille.Api.dll add-commune --id … --host … --database "…" --name "…" --staff-email … --staff-password …</c>:
/// creates the commune's database on its server, applies the schema, records its first staff account, and prints the
/// settings to add to the deployment; the nodes serve it once restarted with them (then <c>db-apply</c> brings every
/// database, this one included, to the same version).
/// </summary>
[Description("Prepares a new commune: its database, schema and first staff account; prints its settings", Name = "add-commune")]
public sealed class AddCommuneCommand : JasperFxAsyncCommand<AddCommuneInput>
{
    public override async Task<bool> Execute(AddCommuneInput input)
    {
        using var host = input.BuildHost();
        var communes = host.Services.GetRequiredService<CommuneDirectory>();
        var entry = new CommuneEntry
        {
            Id = input.IdFlag.Trim(), Hosts = [input.HostFlag.Trim()], ConnectionString = input.DatabaseFlag.Trim(),
            Commune = new CommuneSettings { Name = input.NameFlag.Trim() },
        };
        var extended = new CommuneDirectory([.. communes.All, entry], communes.Single ? "Host=platform" : communes.PlatformConnectionString);
        // From one commune: it answers on any host today and gets its host names when it becomes Communes__0 (printed below).
        var problems = extended.Problems().Where(p => !p.Contains("ConnectionStrings__Platform")
            && !(communes.Single && p.StartsWith($"Commune '{communes.First.Id}' has no host name", StringComparison.Ordinal))).ToList();
        if (string.IsNullOrWhiteSpace(entry.Commune.Name)) problems.Add("--name is required.");
        if (string.IsNullOrWhiteSpace(input.HostFlag)) problems.Add("--host is required.");
        if (!AccountRules.MeetsPolicy(input.StaffPasswordFlag)) problems.Add("--staff-password: " + AccountRules.PasswordPolicy);
        if (!input.StaffEmailFlag.Contains('@')) problems.Add("--staff-email is required.");
        if (problems.Count > 0)
        {
            foreach (var problem in problems) Console.Error.WriteLine($"add-commune: {problem}");
            return false;
        }

        await CreateDatabaseAsync(entry.ConnectionString);
        await using var dataSource = new NpgsqlDataSourceBuilder(entry.ConnectionString).UseNodaTime().Build();
        using (var store = DocumentStore.For(opts => opts.ConfigurePortail(dataSource, automaticSchemaChanges: true)))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await using var session = store.LightweightSession();
            var email = FamilyRules.NormalizeEmail(input.StaffEmailFlag);
            if (await AccountService.FindByEmailAsync(session, email) is null)
            {
                var account = new Account
                {
                    Id = Guid.NewGuid(), Email = email, Role = Roles.Staff, Active = true,
                    CreatedAt = host.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant(),
                };
                account.PasswordHash = AccountService.Hasher.HashPassword(account, input.StaffPasswordFlag);
                session.Store(account);
                await session.SaveChangesAsync();
            }
        }

        var n = communes.Single ? 1 : communes.All.Count;
        Console.WriteLine($"add-commune: {entry.Id} is ready in {CommunesCommand.Where(entry.ConnectionString)}. Add to the deployment's settings:");
        if (communes.Single)
            Console.WriteLine("  (today's single commune becomes Communes__0__…, with its host names, and ConnectionStrings__Platform for Wolverine's nodes: see docs/communes.md)");
        Console.WriteLine($"  Communes__{n}__Id={entry.Id}");
        Console.WriteLine($"  Communes__{n}__Hosts__0={input.HostFlag.Trim()}");
        Console.WriteLine($"  Communes__{n}__ConnectionString=<its connection string, from the secret store>");
        Console.WriteLine($"  Communes__{n}__Commune__Name={entry.Commune.Name}");
        Console.WriteLine($"  Communes__{n}__Commune__…  (address, contact, régie, PayFiP client number, legal notice)");
        Console.WriteLine("then run db-apply and restart the nodes one after the other.");
        return true;
    }

    private static async Task CreateDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var admin = NpgsqlDataSource.Create(server.ConnectionString);
        await using var exists = admin.CreateCommand("select 1 from pg_database where datname = @name");
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync() is not null) return;
        // A database name cannot be a parameter: quoted as an identifier instead.
        await using var create = admin.CreateCommand($"create database \"{target.Database!.Replace("\"", "\"\"")}\"");
        await create.ExecuteNonQueryAsync();
    }
}
