using System.Text.Json;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// Turns what escapes an endpoint into problem details: unreadable input is a 400, a lost write race
/// or a duplicate key a 409, a database out of connections a 503 to retry, anything else a 500 that says nothing
/// about the internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static (int Status, string Title, string Detail) Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case JsonException or BadHttpRequestException or FormatException or NodaTime.Text.UnparsableValueException:
                    return (400, "Requête invalide",
                        "Le corps de la requête est illisible : JSON invalide, champ inconnu, champ obligatoire absent ou valeur du mauvais type.");
                case ConcurrencyException:
                    return (409, "Conflit", "Une autre modification est arrivée en même temps ; veuillez réessayer.");
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return (409, "Conflit", "Cette valeur est déjà utilisée.");
                // The commune's database has no connection left for now (its server's limit, or this node's pool): nothing
                // was written, and the same request in a moment will most likely pass.
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections }:
                case NpgsqlException when e.Message.Contains("connection pool has been exhausted", StringComparison.Ordinal):
                    return (503, "Service momentanément saturé", "Trop de demandes arrivent en même temps ; rien n'a été enregistré. Réessayez dans un instant.");
            }
        }
        return (500, "Erreur interne", "Une erreur inattendue est survenue. Veuillez réessayer plus tard.");
    }
}
