using JasperFx.CommandLine;
using Marten;
using Npgsql;

namespace PortailFamille.Api.Infrastructure;

public sealed class CheckProjectionsInput : NetCoreInput
{
    [Description("Connection string of an empty scratch database the read models are rebuilt into")]
    public string ScratchFlag { get; set; } = "";

    [Description("Id of the commune to check (default: every commune, one after the other)")]
    public string CommuneFlag { get; set; } = "";
}

/// <summary><c>dotnet PortailFamille.Api.dll check-projections --scratch "…"</c>: what ops/check-projections runs.</summary>
[Description("Rebuilds every read model from the events into a scratch database and compares it with the live one", Name = "check-projections")]
public sealed class CheckProjectionsCommand : JasperFxAsyncCommand<CheckProjectionsInput>
{
    public override async Task<bool> Execute(CheckProjectionsInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ScratchFlag))
        {
            Console.Error.WriteLine("check-projections: --scratch \"<connection string of an empty database>\" is required.");
            return false;
        }
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var communes = host.Services.GetRequiredService<CommuneDirectory>();
        var databases = host.Services.GetRequiredService<CommuneDatabases>();
        var chosen = string.IsNullOrWhiteSpace(input.CommuneFlag) ? communes.All : communes.ById(input.CommuneFlag) is { } one ? [one] : [];
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine($"check-projections: no commune '{input.CommuneFlag}' (known: {string.Join(", ", communes.All.Select(c => c.Id))}).");
            return false;
        }
        var total = 0;
        foreach (var commune in chosen)
        {
            // The scratch database is emptied before each commune's rebuild.
            var differences = await ProjectionCheck.DifferencesAsync(store, commune.TenantId, databases.For(commune), input.ScratchFlag, CancellationToken.None);
            foreach (var difference in differences) Console.WriteLine($"{commune.Id}: {difference}");
            Console.WriteLine(differences.Count == 0
                ? $"check-projections {commune.Id}: every read model ({ProjectionCheck.ReadModels.Length} kinds) and the seat guard equal their rebuild from the events."
                : $"check-projections {commune.Id}: {differences.Count} difference(s).");
            total += differences.Count;
        }
        return total == 0;
    }
}
