using JasperFx.CommandLine;
using Marten;
using Npgsql;

namespace PortailFamille.Api.Infrastructure;

public sealed class CheckProjectionsInput : NetCoreInput
{
    [Description("Connection string of an empty scratch database the read models are rebuilt into")]
    public string ScratchFlag { get; set; } = "";
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
        var differences = await ProjectionCheck.DifferencesAsync(store, host.Services.GetRequiredService<NpgsqlDataSource>(), input.ScratchFlag,
            CancellationToken.None);
        foreach (var difference in differences) Console.WriteLine(difference);
        Console.WriteLine(differences.Count == 0
            ? $"check-projections: every read model ({ProjectionCheck.ReadModels.Length} kinds) and the seat guard equal their rebuild from the events."
            : $"check-projections: {differences.Count} difference(s).");
        return differences.Count == 0;
    }
}
