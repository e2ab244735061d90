using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Wolverine describes a handler returning <c>(IResult, …)</c> as a 200 whose body is <c>IResult</c>: no client can
/// use that. The endpoint's own <c>ProducesResponseType</c> already says what it answers, so that 200 goes (or loses its
/// meaningless body when it is the only success), and problem details are announced as <c>application/problem+json</c>.</summary>
public sealed class ResultResponsesFilter : IOperationFilter, IDocumentFilter
{
    private const string ResultSchema = "Microsoft.AspNetCore.Http.IResult";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is not { } responses) return;
        if (responses.TryGetValue("200", out var ok) && Refers(ok, ResultSchema))
        {
            if (responses.Keys.Any(k => k != "200" && k.StartsWith('2'))) responses.Remove("200");
            else ok.Content?.Clear();
        }
        // Wolverine announces a bare 404 for any handler that returns an object (a null one would be it); an operation
        // without a path parameter names no resource that could be missing, and its own 404s carry a problem body.
        if (responses.TryGetValue("404", out var notFound) && notFound.Content is not { Count: > 0 }
            && !context.ApiDescription.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
            responses.Remove("404");
        foreach (var (status, response) in responses)
        {
            if (!status.StartsWith('4') || response.Content is not { } content || !content.TryGetValue("application/json", out var json)) continue;
            if (json.Schema is OpenApiSchemaReference { Reference.Id: { } id } && id.EndsWith("ProblemDetails", StringComparison.Ordinal))
            {
                content.Remove("application/json");
                content["application/problem+json"] = json;
            }
        }
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context) => document.Components?.Schemas?.Remove(ResultSchema);

    private static bool Refers(IOpenApiResponse response, string schemaId) =>
        response.Content?.Values.Any(m => m.Schema is OpenApiSchemaReference { Reference.Id: var id } && id == schemaId) == true;
}
