using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PortailFamille.Api.Infrastructure;

public sealed class TelemetrySettings
{
    /// <summary><c>none</c> (default), <c>otlp</c> (endpoint from the standard OTEL_EXPORTER_OTLP_* variables) or <c>console</c>.</summary>
    public string Exporter { get; set; } = "none";
    public string ServiceName { get; set; } = "portail-famille";
}

/// <summary>OpenTelemetry traces and metrics for ASP.NET Core, Npgsql, Marten and Wolverine, exported only when asked.</summary>
public static class Telemetry
{
    public static readonly string[] Exporters = ["none", "otlp", "console"];

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, TelemetrySettings settings)
    {
        var exporter = settings.Exporter.Trim().ToLowerInvariant();
        if (!Exporters.Contains(exporter))
            throw new InvalidOperationException($"Telemetry__Exporter must be one of {string.Join(", ", Exporters)} (was « {settings.Exporter} »).");
        if (exporter == "none") return services;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.RecordException = false) // exception texts may quote personal data
                    .AddNpgsql()
                    .AddSource("Wolverine", "Marten");
                if (exporter == "otlp") tracing.AddOtlpExporter(); else tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter("Wolverine", "Marten", "Npgsql");
                if (exporter == "otlp") metrics.AddOtlpExporter(); else metrics.AddConsoleExporter();
            });
        return services;
    }
}
