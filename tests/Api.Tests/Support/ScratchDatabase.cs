using Npgsql;

namespace PortailFamille.Api.Tests.Support;

/// <summary>An empty database next to the test database, dropped when disposed (what ops/check-projections rebuilds into).</summary>
public sealed class ScratchDatabase(NpgsqlDataSource server, string name) : IAsyncDisposable
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portail"))
        { Database = name, Pooling = false }.ConnectionString;

    public static async Task<ScratchDatabase> CreateAsync(NpgsqlDataSource server)
    {
        var name = $"portail_check_{Guid.NewGuid():N}"[..30];
        await using (var command = server.CreateCommand($"create database {name}")) await command.ExecuteNonQueryAsync();
        return new ScratchDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var drop = server.CreateCommand($"drop database if exists {name} with (force)");
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Waiting on a condition, bounded (what happens in the background: schedules, async projections).</summary>
public static class Waiting
{
    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 30, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {seconds} s.{(state is null ? "" : " Last seen: " + state())}");
            await Task.Delay(100); // the poll interval, not a wait for the outcome
        }
    }
}

public static class RepositoryPaths
{
    /// <summary>The repository's root, found from the test binaries upwards.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PortailFamille.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortailFamille.sln not found.");
    }
}
