using Microsoft.AspNetCore.Http;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Framework-made problems (unknown route, wrong verb…) get a French title and detail too.</summary>
public static class FrenchProblemDetails
{
    private static readonly Dictionary<int, (string Title, string Detail)> ByStatus = new()
    {
        [400] = ("Requête invalide", "La requête est invalide."),
        [401] = ("Non authentifié", "Vous devez vous connecter pour accéder à cette ressource."),
        [403] = ("Accès refusé", "Votre compte n'a pas accès à cette fonction."),
        [404] = ("Introuvable", "Ressource introuvable."),
        [405] = ("Méthode non autorisée", "Cette opération n'existe pas pour cette adresse."),
        [406] = ("Format non disponible", "Le format de réponse demandé n'est pas disponible."),
        [409] = ("Conflit", "La demande est en conflit avec l'état actuel."),
        [413] = ("Requête trop volumineuse", "Le corps de la requête dépasse la taille autorisée."),
        [415] = ("Format non pris en charge", "Le corps de la requête doit être du JSON (Content-Type: application/json)."),
        [422] = ("Refusé", "La demande a été refusée par une règle de gestion."),
        [429] = ("Trop de tentatives", "Trop de tentatives. Réessayez dans quelques minutes."),
        [500] = ("Erreur interne", "Une erreur inattendue est survenue. Veuillez réessayer plus tard."),
        [503] = ("Service indisponible", "Le service est momentanément indisponible."),
    };

    public static void Customize(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        if (!ByStatus.TryGetValue(status, out var french)) return;
        if (string.IsNullOrEmpty(context.ProblemDetails.Detail)) context.ProblemDetails.Detail = french.Detail;
        if (context.ProblemDetails.Title is null || IsEnglishDefault(context.ProblemDetails.Title)) context.ProblemDetails.Title = french.Title;
    }

    private static bool IsEnglishDefault(string title) =>
        title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed" or "Not Acceptable"
            or "Conflict" or "Payload Too Large" or "Content Too Large" or "Unsupported Media Type" or "Unprocessable Entity"
            or "Too Many Requests" or "An error occurred while processing your request." or "Service Unavailable"
            or "One or more validation errors occurred.";
}
