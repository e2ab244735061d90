using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PortailFamille.Api.Documents;

/// <summary>Writes lines top-down on A4 pages with the embedded font, starting a new page when one is full.</summary>
public sealed class PdfPageWriter : IDisposable
{
    private const double Left = 50, Top = 60, Bottom = 780;
    private readonly PdfDocument _document = new();
    private XGraphics _gfx = null!;
    private double _y;

    public XFont Title { get; }
    public XFont Bold { get; }
    public XFont Text { get; }

    public PdfPageWriter(string title)
    {
        EmbeddedFonts.Register();
        _document.Info.Title = title;
        Title = new XFont(EmbeddedFonts.Family, 16, XFontStyleEx.Bold);
        Bold = new XFont(EmbeddedFonts.Family, 10, XFontStyleEx.Bold);
        Text = new XFont(EmbeddedFonts.Family, 10, XFontStyleEx.Regular);
        NewPage();
    }

    public PdfPageWriter Line(string value, XFont? font = null, double gap = 16)
    {
        Room(gap);
        _gfx.DrawString(value, font ?? Text, XBrushes.Black, new XPoint(Left, _y));
        _y += gap;
        return this;
    }

    public PdfPageWriter Space(double gap = 12)
    {
        _y += gap;
        return this;
    }

    /// <summary>One row of a table: each cell at its x offset, right-aligned when its width is given.</summary>
    public PdfPageWriter Row(IReadOnlyList<(string Text, double X, double? RightAlignWidth)> cells, XFont? font = null, double gap = 15)
    {
        Room(gap);
        foreach (var (text, x, width) in cells)
        {
            if (width is { } w)
                _gfx.DrawString(text, font ?? Text, XBrushes.Black, new XRect(Left + x, _y - 10, w, 14), XStringFormats.TopRight);
            else
                _gfx.DrawString(text, font ?? Text, XBrushes.Black, new XPoint(Left + x, _y));
        }
        _y += gap;
        return this;
    }

    public PdfPageWriter Rule()
    {
        Room(8);
        _gfx.DrawLine(XPens.Gray, Left, _y - 8, 545, _y - 8);
        _y += 4;
        return this;
    }

    public byte[] ToBytes()
    {
        _gfx.Dispose();
        using var output = new MemoryStream();
        _document.Save(output);
        return output.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
    }

    private void Room(double gap)
    {
        if (_y + gap > Bottom) NewPage();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _gfx = XGraphics.FromPdfPage(_document.AddPage());
        _y = Top;
    }
}
