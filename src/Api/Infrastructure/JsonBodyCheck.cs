using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// Reads a JSON body once before the endpoint does, with the same strict options, so a malformed
/// body gets a French problem detail naming the field (Wolverine's own answer is in English).
/// Runs after authorization, so 401 and 403 still come first.
/// </summary>
public sealed partial class JsonBodyCheck(RequestDelegate next, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const long MaxBodyBytes = 1_000_000;

    public async Task InvokeAsync(HttpContext context)
    {
        // PostgreSQL stores no NUL character (text or jsonb): refuse it at the door rather than fail on save.
        if (context.Request.Query.Any(q => q.Value.Any(v => v?.Contains('\0') == true)))
        {
            await Problems.BadRequest("La requête contient un caractère nul (\\u0000), interdit.").ExecuteAsync(context);
            return;
        }
        var accepts = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts?.RequestType is not { } requestType || HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Results.Problem(statusCode: 413, title: "Requête trop volumineuse",
                detail: "Le corps de la requête dépasse la taille autorisée.").ExecuteAsync(context);
            return;
        }
        if (!IsJson(context.Request.ContentType))
        {
            await Results.Problem(statusCode: 415, title: "Format non pris en charge",
                detail: "Le corps de la requête doit être du JSON (Content-Type: application/json).").ExecuteAsync(context);
            return;
        }

        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes);
        var text = await ReadTextAsync(context.Request);
        if (text.Contains("\\u0000", StringComparison.OrdinalIgnoreCase) || text.Contains('\0'))
        {
            await Problems.BadRequest("Le corps de la requête contient un caractère nul (\\u0000), interdit.").ExecuteAsync(context);
            return;
        }
        // No list of this API takes an empty element; the endpoints' checks would otherwise meet a null they never expect.
        if (NullInAList(text))
        {
            await Problems.BadRequest("Le corps de la requête est invalide : une liste contient une valeur vide (null).").ExecuteAsync(context);
            return;
        }
        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, requestType, json.Value.SerializerOptions, context.RequestAborted);
            if (body is null) throw new JsonException("The JSON value is null.", "$", null, null);
        }
        catch (JsonException e)
        {
            await Problems.Invalid(new Errors().Add(FieldOf(e.Path), Explain(e)), "Le corps de la requête est invalide : " + Explain(e))
                .ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidOperationException)
        {
            await Problems.BadRequest("Le corps de la requête est illisible ou trop volumineux.").ExecuteAsync(context);
            return;
        }
        context.Request.Body.Position = 0;
        await next(context);
    }

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync();
        request.Body.Position = 0;
        return text;
    }

    /// <summary>True when a JSON array holds a null; malformed JSON is left to the deserializer to explain.</summary>
    private static bool NullInAList(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        var inArray = new Stack<bool>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray: inArray.Push(true); break;
                    case JsonTokenType.StartObject: inArray.Push(false); break;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject: inArray.TryPop(out _); break;
                    case JsonTokenType.Null when inArray.TryPeek(out var array) && array: return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return false;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string Explain(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"le champ « {UnknownProperty().Match(message).Groups[1].Value} » n'est pas attendu.";
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return $"le champ « {FieldOf(e.Path)} » est répété.";
        if (message.Contains("missing required properties", StringComparison.Ordinal))
            return $"champ obligatoire absent ({MissingProperties().Match(message).Groups[1].Value.Trim().TrimEnd('.')}).";
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && e.Path is not null)
            return $"le champ « {FieldOf(e.Path)} » ne peut pas être vide (null).";
        if (e.Path is not null && e.BytePositionInLine is not null && message.Contains("could not be converted", StringComparison.Ordinal))
            return $"la valeur du champ « {FieldOf(e.Path)} » n'a pas le bon type ou le bon format.";
        return "JSON mal formé.";
    }

    [GeneratedRegex("JSON property '([^']*)'")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("including: (.*)$")]
    private static partial Regex MissingProperties();
}
