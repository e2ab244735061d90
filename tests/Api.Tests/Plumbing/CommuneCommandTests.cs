using System.Diagnostics;
using Npgsql;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>The platform's command that prepares a new commune, run as an operator runs it: its own process.</summary>
public class CommuneCommandTests(AppFixture app) : ApiTest(app)
{
    private static async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PortailFamille.Api.dll"), .. arguments])
            { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static async Task<bool> DatabaseExistsAsync(NpgsqlDataSource server, string name)
    {
        await using var command = server.CreateCommand("select exists (select 1 from pg_database where datname = @name)");
        command.Parameters.AddWithValue("name", name);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Add_commune_creates_its_database_schema_and_first_staff_account_and_refuses_bad_settings_creating_nothing()
    {
        var server = Host.Services.CommuneDataSource();
        var name = $"portail_pezenas_{Guid.NewGuid():N}"[..32];
        var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portail")) { Database = name }.ConnectionString;
        try
        {
            var (refused, said) = await RunAsync("add-commune", "--id", "Pézenas", "--host", "pezenas.portail.test", "--database", connection,
                "--name", "Mairie de Pézenas", "--staff-email", "accueil@pezenas.test", "--staff-password", "court");
            refused.ShouldNotBe(0);
            said.ShouldContain("must be 1 to 40 lower-case letters");
            said.ShouldContain("--staff-password");
            (await DatabaseExistsAsync(server, name)).ShouldBeFalse();

            var (exit, output) = await RunAsync("add-commune", "--id", "pezenas", "--host", "pezenas.portail.test", "--database", connection,
                "--name", "Mairie de Pézenas", "--staff-email", "Accueil@Pezenas.test", "--staff-password", "Pezenas-Mairie-2026!");
            exit.ShouldBe(0, output);
            output.ShouldContain("Communes__1__Id=pezenas");
            output.ShouldContain("Communes__1__Hosts__0=pezenas.portail.test");
            await using var commune = NpgsqlDataSource.Create(connection);
            await using var staff = commune.CreateCommand("select data ->> 'Role' from portail.mt_doc_account where data ->> 'Email' = 'accueil@pezenas.test'");
            (await staff.ExecuteScalarAsync()).ShouldBe("staff");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var drop = server.CreateCommand($"drop database if exists {name} with (force)");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
