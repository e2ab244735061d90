using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using PortailFamille.Domain.Accounts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Who may call an operation and how often, as the document shows it: every operation behind a login answers 401
/// without a valid token and 403 to a role it does not serve; a rate-limited one answers 429 with Retry-After. All as
/// French problem details, so that a client knows before trying.</summary>
public sealed class AccessResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is not { } responses) return;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        OpenApiResponse Problem(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        };
        if (RateLimits.Limits(context.ApiDescription.HttpMethod ?? "", "/" + context.ApiDescription.RelativePath))
            responses.TryAdd("429", Problem("Trop de requêtes : réessayez après le délai de l'en-tête Retry-After."));

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var rules = metadata.OfType<IAuthorizeData>().ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || rules.Count == 0) return;
        responses.TryAdd("401", Problem("Non authentifié : jeton absent, invalide, expiré ou d'une session close."));
        if (rules.Any(r => !string.IsNullOrEmpty(r.Roles) && r.Roles != Roles.Anyone))
            responses.TryAdd("403", Problem("Ce rôle n'a pas accès à cette opération."));
    }
}
