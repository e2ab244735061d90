using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace PortailFamille.Api.Infrastructure;

public static class JsonSetup
{
    /// <summary>Strict input: unknown fields, missing required fields and nulls where none is allowed are refused.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // {"a":1,"a":2} is refused (400) rather than half-read, or thrown by a dictionary as a 500.
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    }
}
