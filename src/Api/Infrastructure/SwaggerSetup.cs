using Microsoft.OpenApi;
using NodaTime;

namespace PortailFamille.Api.Infrastructure;

public static class SwaggerSetup
{
    public static void AddPortalSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo { Title = "Portail Famille", Version = "v1",
                Description = "API ouverte du portail famille des communes : réservations, comptes, factures." });
            o.MapType<LocalDate>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
            o.MapType<LocalDate?>(() => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date" });
            o.MapType<Instant>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" });
            o.MapType<Instant?>(() => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" });
            o.MapType<LocalTime>(() => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\\d{2}:\\d{2}$" });
            o.MapType<YearMonth>(() => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\\d{4}-\\d{2}$" });
            o.OperationFilter<ResultResponsesFilter>();
            o.DocumentFilter<ResultResponsesFilter>();
            o.OperationFilter<AccessResponsesFilter>();
            o.CustomSchemaIds(t => t.FullName?.Replace("PortailFamille.", "").Replace("+", "."));
            o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "Jeton obtenu par POST /api/auth/login",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", doc)] = [] });
        });
    }
}
