using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Infrastructure;

/// <summary>RFC 9457 answers with a French <c>detail</c> a front end can show as is.</summary>
public static class Problems
{
    public static IResult Invalid(Errors errors, string detail = "La requête contient des données invalides.") =>
        Results.ValidationProblem(errors.ToDictionary(), detail: detail, title: "Requête invalide");

    public static IResult Invalid(string field, string message) => Invalid(new Errors().Add(field, message), message);

    /// <summary>The same 400 as <see cref="Invalid(Errors, string)"/>, for a Wolverine <c>Validate</c> method (nothing when no error).</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails InvalidDetails(Errors errors, string detail = "La requête contient des données invalides.") =>
        errors.Any
            ? new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors.ToDictionary()) { Status = 400, Title = "Requête invalide", Detail = detail }
            : Wolverine.Http.WolverineContinue.NoProblems;

    /// <summary>The same 404 as <see cref="NotFound"/>, for a Wolverine <c>Validate</c> method.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFoundDetails(string detail) =>
        new() { Status = StatusCodes.Status404NotFound, Title = "Introuvable", Detail = detail };

    /// <summary>The same 409 as <see cref="Conflict"/>, for a Wolverine <c>Validate</c> method.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails ConflictDetails(string detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = "Conflit", Detail = detail };

    /// <summary>The same 422 as <see cref="Unprocessable"/>, for a Wolverine <c>Validate</c> method.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails UnprocessableDetails(string detail) =>
        new() { Status = StatusCodes.Status422UnprocessableEntity, Title = "Refusé", Detail = detail };

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Requête invalide");

    public static IResult NotFound(string detail = "Ressource introuvable.") =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Introuvable");

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflit");

    public static IResult Unprocessable(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refusé");

    public static IResult Unauthorized(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié");
}
