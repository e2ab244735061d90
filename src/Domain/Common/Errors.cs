namespace PortailFamille.Domain.Common;

/// <summary>Validation errors keyed by field, in French, as the API's problem details show them.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = new();

    public bool Any => _byField.Count > 0;

    public Errors Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages)) _byField[field] = messages = [];
        if (!messages.Contains(message)) messages.Add(message);
        return this;
    }

    public Errors Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public Errors RequireText(string? value, string field, string what, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{what} est obligatoire.");
        if (value.Length > maxLength) return Add(field, $"{what} ne doit pas dépasser {maxLength} caractères.");
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => _byField.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
