using Marten;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Privacy;

public sealed class RetentionSettings
{
    /// <summary>Years after the end of a family's last inscription (or the creation of a file never used) before erasure.</summary>
    public int YearsAfterLastInscription { get; set; } = 3;
}

/// <summary>Once a day, erases the families whose retention period is over (re-reading the application clock each time).</summary>
public sealed class RetentionSweep(IDocumentStore store, FamilyErasure erasure, IClock clock, CommuneSettings commune, RetentionSettings settings,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    public const string Reason = "Durée de conservation échue";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            do
            {
                try
                {
                    var erased = await RunOnceAsync(stoppingToken);
                    if (erased > 0) logger.LogInformation("Erased the personal data of {Count} families past their retention period", erased);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The retention sweep failed; it will run again tomorrow");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The families due today, erased; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellation)
    {
        var today = Dates.Today(clock, commune.Zone);
        List<Guid> due;
        await using (var session = store.QuerySession())
        {
            var families = await session.Query<Family>().ToListAsync(cancellation);
            var lastEnds = (await session.Query<Inscription>().ToListAsync(cancellation))
                .GroupBy(i => i.FamilyId).ToDictionary(g => g.Key, g => g.Max(i => i.To));
            due = families.Where(f => f.ErasedAt is null)
                .Where(f => (lastEnds.TryGetValue(f.Id, out var end) ? end : f.QuotientHistory[0].RecordedAt.InZone(commune.Zone).Date)
                    .PlusYears(settings.YearsAfterLastInscription) < today)
                .Select(f => f.Id).ToList();
        }
        foreach (var familyId in due) await erasure.EraseAsync(familyId, Reason, Actor.System, cancellation);
        return due.Count;
    }
}
