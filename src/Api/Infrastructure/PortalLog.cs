using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// The portal's log lines: one JSON object per entry (time, level, category, event, message, the structured values,
/// the exception), with e-mail addresses, phone numbers and tokens masked wherever they appear, whoever logged them
/// (our code never logs names or contacts; a library's exception message might).
/// </summary>
public static partial class PortalLog
{
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")] private static partial Regex Email();
    [GeneratedRegex(@"(?<![\w-])(?:\+33[\s.]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")] private static partial Regex Phone();
    [GeneratedRegex(@"eyJ[\w-]+\.[\w-]+\.[\w-]*")] private static partial Regex Jwt();
    [GeneratedRegex(@"(?i)(token|password|motdepasse|authorization)([=:""\s]+)[^\s&""',;]+")] private static partial Regex Secret();

    public static string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = Jwt().Replace(text, "[jeton]");
        text = Secret().Replace(text, "$1$2[masqué]");
        text = Email().Replace(text, "[e-mail]");
        return Phone().Replace(text, "[téléphone]");
    }

    public static string Format<TState>(in LogEntry<TState> entry, DateTimeOffset at)
    {
        var buffer = new MemoryStream();
        // French stays readable in the log (é, not \u00E9); the line is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("at", at.UtcDateTime.ToString("O"));
            json.WriteString("level", entry.LogLevel.ToString());
            json.WriteString("category", entry.Category);
            if (entry.EventId.Id != 0 || entry.EventId.Name is not null) json.WriteString("event", entry.EventId.Name ?? entry.EventId.Id.ToString());
            json.WriteString("message", Scrub(entry.Formatter?.Invoke(entry.State, null) ?? ""));
            if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> values && values.Count > 1)
            {
                json.WriteStartObject("values");
                foreach (var (key, value) in values.Where(v => v.Key != "{OriginalFormat}"))
                    json.WriteString(key, Scrub(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                json.WriteEndObject();
            }
            if (entry.Exception is { } exception) json.WriteString("exception", Scrub(exception.ToString()));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

public sealed class PortalLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "portail-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter) =>
        textWriter.WriteLine(PortalLog.Format(logEntry, DateTimeOffset.UtcNow));
}
