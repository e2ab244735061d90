using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// <c>?page=&amp;pageSize=</c> on staff lists that grow with the commune: pages count from 1, <see cref="DefaultSize"/>
/// rows unless asked, never more than <see cref="MaxSize"/>. The body keeps its shape; <c>X-Total-Count</c> tells
/// how many rows there are in all.
/// </summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public int Skip => (Page - 1) * PageSize;

    public static Paging Parse(int? page, int? pageSize, Errors errors)
    {
        errors.Require(page is null or (>= 1 and <= 100_000), "page", "La page doit être un nombre entier à partir de 1.")
            .Require(pageSize is null or (>= 1 and <= MaxSize), "pageSize", $"La taille de page doit être comprise entre 1 et {MaxSize}.");
        return new Paging(page ?? 1, pageSize ?? DefaultSize);
    }

    public static void Total(HttpResponse response, int total, string header = "X-Total-Count") =>
        response.Headers[header] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
