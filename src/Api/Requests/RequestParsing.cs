using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Requests;

/// <summary>Reads a request body <c>{type, …}</c> strictly: only the fields of its type, each of the right kind.</summary>
public static class RequestParsing
{
    private static readonly Dictionary<RequestType, string[]> FieldsByType = new()
    {
        [RequestType.FamilyChange] = ["changes"],
        [RequestType.ChildChange] = ["childId", "changes"],
        [RequestType.NewPerson] = ["firstName", "lastName", "birthDate", "sex"],
        [RequestType.NewInscription] = ["childId", "activityCode", "group"],
        [RequestType.AttestationInscription] = ["inscriptionId"],
        [RequestType.AttestationFiscale] = ["year"],
    };

    public static (RequestType? Type, RequestData? Data) Parse(JsonElement body, Errors errors)
    {
        if (body.ValueKind != JsonValueKind.Object) { errors.Add("body", "Le corps doit être un objet JSON."); return (null, null); }
        var asked = body.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!Vocabulary.TryParse(asked, out RequestType type) || !FieldsByType.TryGetValue(type, out var fields))
        {
            errors.Add("type", $"Type de demande inconnu ; types possibles : {string.Join(", ", Vocabulary.WordsOf<RequestType>())}.");
            return (null, null);
        }
        foreach (var property in body.EnumerateObject().Where(p => p.Name != "type" && !fields.Contains(p.Name)))
            errors.Add(property.Name, $"Le champ « {property.Name} » n'est pas attendu pour une demande {asked}.");
        foreach (var field in fields.Where(f => !body.TryGetProperty(f, out _)))
            errors.Add(field, $"Le champ « {field} » est obligatoire pour une demande {asked}.");
        if (errors.Any) return (type, null);

        var data = new RequestData(
            Changes: fields.Contains("changes") ? Changes(body.GetProperty("changes"), errors) : null,
            ChildId: fields.Contains("childId") ? Id(body.GetProperty("childId"), "childId", errors) : null,
            FirstName: fields.Contains("firstName") ? Text(body.GetProperty("firstName"), "firstName", errors) : null,
            LastName: fields.Contains("lastName") ? Text(body.GetProperty("lastName"), "lastName", errors) : null,
            BirthDate: fields.Contains("birthDate") ? Date(body.GetProperty("birthDate"), "birthDate", errors) : null,
            Sex: fields.Contains("sex") ? Text(body.GetProperty("sex"), "sex", errors) : null,
            ActivityCode: fields.Contains("activityCode") ? Text(body.GetProperty("activityCode"), "activityCode", errors) : null,
            Group: fields.Contains("group") ? Text(body.GetProperty("group"), "group", errors) : null,
            InscriptionId: fields.Contains("inscriptionId") ? Id(body.GetProperty("inscriptionId"), "inscriptionId", errors) : null,
            Year: fields.Contains("year") ? Year(body.GetProperty("year"), errors) : null);
        return (type, errors.Any ? null : data);
    }

    private static Dictionary<string, string>? Changes(JsonElement value, Errors errors)
    {
        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            errors.Add("changes", "« changes » doit être un objet { donnée : nouvelle valeur (texte) }.");
            return null;
        }
        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!.Trim());
    }

    private static string? Text(JsonElement value, string field, Errors errors)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 100 } text && !string.IsNullOrWhiteSpace(text)) return text.Trim();
        errors.Add(field, $"« {field} » doit être un texte de 1 à 100 caractères.");
        return null;
    }

    private static Guid? Id(JsonElement value, string field, Errors errors)
    {
        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) && id != Guid.Empty) return id;
        errors.Add(field, $"« {field} » doit être un identifiant.");
        return null;
    }

    private static LocalDate? Date(JsonElement value, string field, Errors errors)
    {
        if (value.ValueKind == JsonValueKind.String && LocalDatePattern.Iso.Parse(value.GetString()!) is { Success: true } d) return d.Value;
        errors.Add(field, $"« {field} » doit être une date (AAAA-MM-JJ).");
        return null;
    }

    private static int? Year(JsonElement value, Errors errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var year) && year is >= 2000 and <= 2100) return year;
        errors.Add("year", "« year » doit être une année.");
        return null;
    }
}
