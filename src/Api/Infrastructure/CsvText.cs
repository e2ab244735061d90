namespace PortailFamille.Api.Infrastructure;

/// <summary>The CSV answers (headcounts, meals, a trip's list): a header line, then one line per row, fields quoted as CsvHelper needs.</summary>
public static class CsvText
{
    public static IResult Of(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(text, new CsvHelper.CsvWriterOptions(), leaveOpen: true))
        {
            foreach (var line in rows.Prepend(headers))
            {
                foreach (var field in line) csv.WriteField(field);
                csv.EndRecord();
            }
            csv.Flush();
        }
        return Results.Text(text.ToString(), "text/csv; charset=utf-8");
    }
}
