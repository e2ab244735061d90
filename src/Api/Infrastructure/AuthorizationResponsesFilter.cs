using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using PortailFamille.Domain.Accounts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Every operation behind a login answers 401 without a valid token, and 403 to a role it does not serve, both as
/// French problem details: the document says so, so that a client knows before trying.</summary>
public sealed class AuthorizationResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (operation.Responses is not { } responses || metadata.OfType<IAllowAnonymous>().Any()) return;
        var rules = metadata.OfType<IAuthorizeData>().ToList();
        if (rules.Count == 0) return;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        OpenApiResponse Problem(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        };
        responses.TryAdd("401", Problem("Non authentifié : jeton absent, invalide, expiré ou d'une session close."));
        if (rules.Any(r => !string.IsNullOrEmpty(r.Roles) && r.Roles != Roles.Anyone))
            responses.TryAdd("403", Problem("Ce rôle n'a pas accès à cette opération."));
    }
}
