namespace PortailFamille.Api.Demo;

public sealed class DemoCommune
{
    public Task SeedAsync(CancellationToken cancellation) => Task.CompletedTask;
}
