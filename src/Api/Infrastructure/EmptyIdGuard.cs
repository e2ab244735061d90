namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// No resource has the empty id (00000000-…): a route naming it is answered 404 here, once for every endpoint, because
/// Marten refuses to load or fetch a stream by the empty id (an exception, so a 500, in [WriteAggregate] and LoadAsync).
/// Runs after authorization, so 401 and 403 still come first, and before the body is read, so 404 comes before 400.
/// </summary>
public sealed class EmptyIdGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (!(key == "id" || key.EndsWith("Id", StringComparison.Ordinal)) || value is not string text) continue;
            if (Guid.TryParse(text, out var id) && id == Guid.Empty)
            {
                await Problems.NotFound().ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }
}
