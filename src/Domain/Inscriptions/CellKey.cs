using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace PortailFamille.Domain.Inscriptions;

/// <summary>A cell of an inscription's grid: a day and a unit. Stored and sent as "2026-10-05|REPAS", as it always was
/// (the keys of the snapshot's cells, attendance marks and charged days); ordered as that text orders.</summary>
[JsonConverter(typeof(CellKeyConverter))]
public readonly record struct CellKey(LocalDate Date, string Unit) : IComparable<CellKey>
{
    /// <summary>Formatted by hand: a snapshot writes one per cell.</summary>
    public override string ToString() => string.Create(null, stackalloc char[64], $"{Date.Year:D4}-{Date.Month:D2}-{Date.Day:D2}|{Unit}");

    public static CellKey Parse(string text) =>
        text.Length > 11 && text[10] == '|' && LocalDatePattern.Iso.Parse(text[..10]) is { Success: true } date
            ? new CellKey(date.Value, text[11..])
            : throw new FormatException($"Not a cell key: {text}");

    public int CompareTo(CellKey other) => Date != other.Date ? Date.CompareTo(other.Date) : string.CompareOrdinal(Unit, other.Unit);
}

public sealed class CellKeyConverter : JsonConverter<CellKey>
{
    public override CellKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => CellKey.Parse(reader.GetString()!);
    public override void Write(Utf8JsonWriter writer, CellKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    public override CellKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CellKey.Parse(reader.GetString()!);
    public override void WriteAsPropertyName(Utf8JsonWriter writer, CellKey value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
