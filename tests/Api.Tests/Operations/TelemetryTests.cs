using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Tests.Operations;

public class TelemetryTests
{
    private static ServiceProvider With(string exporter) =>
        new ServiceCollection().AddLogging().AddPortalTelemetry(new TelemetrySettings { Exporter = exporter }).BuildServiceProvider();

    [Fact]
    public void Telemetry_is_off_by_default()
    {
        new TelemetrySettings().Exporter.ShouldBe("none");
        using var services = With("none");
        services.GetService<TracerProvider>().ShouldBeNull();
        services.GetService<MeterProvider>().ShouldBeNull();
    }

    [Theory]
    [InlineData("otlp")]
    [InlineData("console")]
    public void An_exporter_turns_on_traces_and_metrics_for_the_portal_sources(string exporter)
    {
        using var services = With(exporter);
        services.GetService<TracerProvider>().ShouldNotBeNull();
        services.GetService<MeterProvider>().ShouldNotBeNull();
        // The Wolverine and Marten sources are listened to once an exporter is set.
        using var wolverine = new ActivitySource("Wolverine");
        wolverine.HasListeners().ShouldBeTrue();
        using var other = new ActivitySource("NotThePortal");
        other.HasListeners().ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_exporter_is_refused_at_start() =>
        Should.Throw<InvalidOperationException>(() => With("zipkin")).Message.ShouldContain("Telemetry__Exporter");
}
