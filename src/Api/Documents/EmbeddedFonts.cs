using PdfSharp.Fonts;

namespace PortailFamille.Api.Documents;

/// <summary>PDFsharp's font source: DejaVu Sans embedded in the assembly, whatever the machine has.</summary>
public sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lazy<EmbeddedFonts> Instance = new(() => new EmbeddedFonts());

    /// <summary>Sets the resolver once per process (PDFsharp keeps it globally).</summary>
    public static void Register()
    {
        if (GlobalFontSettings.FontResolver is not EmbeddedFonts) GlobalFontSettings.FontResolver = Instance.Value;
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"PortailFamille.Api.Documents.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font {faceName} is not embedded.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
