using System.Text.Json;
using Npgsql;

namespace PortailFamille.Api.Tests.Privacy;

/// <summary>Searches every table of the database for given values, and says where (table, column and JSON field) they are.</summary>
public static class PersonalDataScan
{
    public static async Task<IReadOnlyList<string>> WhereAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> values)
    {
        var tables = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = dataSource.CreateCommand($"select row_to_json(t)::text from {table} t");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = reader.GetString(0);
                // Rows holding bytes ("\\x…") are read whole: the value can only be seen once decoded.
                if (!row.Contains("\"\\\\x", StringComparison.Ordinal) && !values.Any(v => row.Contains(v, StringComparison.OrdinalIgnoreCase))) continue;
                using var json = JsonDocument.Parse(row);
                Walk(json.RootElement, table.Split('.')[1], values, found);
            }
        }
        return found.ToList();
    }

    /// <summary>"table.column.Field.Sub" for each string holding a value (array positions left out). A bytea (rendered
    /// "\x…" in hexadecimal, as Wolverine's message bodies are) is decoded as UTF-8 first, and walked as JSON when it is.</summary>
    private static string? TryDecode(string hex)
    {
        try { return System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex)); }
        catch (FormatException) { return null; }
    }

    /// <summary>The JSON in a text, whole or (a Wolverine envelope: binary headers, then the message) from its first brace.</summary>
    private static JsonDocument? TryParse(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start) return null;
        try { return JsonDocument.Parse(text[start..(end + 1)]); }
        catch (JsonException) { return null; }
    }

    private static void Walk(JsonElement element, string path, IReadOnlyList<string> values, ISet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, $"{path}.{property.Name}", values, found);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Walk(item, path, values, found);
                break;
            case JsonValueKind.String:
                var text = element.GetString() ?? "";
                if (text.StartsWith("\\x", StringComparison.Ordinal) && TryDecode(text[2..]) is { } decoded)
                {
                    if (TryParse(decoded) is { } inner) using (inner) Walk(inner.RootElement, path, values, found);
                    else if (values.Any(v => decoded.Contains(v, StringComparison.OrdinalIgnoreCase))) found.Add(path);
                }
                else if (values.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase))) found.Add(path);
                break;
        }
    }
}
