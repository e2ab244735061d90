using System.Net;
using System.ServiceModel;
using System.Xml.Linq;
using Marten;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Payments;
using SoapCore;

namespace PortailFamille.Api.Payments;

/// <summary>A payment as the simulator keeps it (a Marten document, so it survives a restart of <c>ops/run</c>).</summary>
public sealed class SimulatedPayFiPOperation
{
    public string Id { get; set; } = "";
    public CreationPaiement Request { get; set; } = new();
    public Instant CreatedAt { get; set; }
    public string? Result { get; set; }
    public Instant? CompletedAt { get; set; }
    public string? Numauto { get; set; }
}

/// <summary>
/// The local PayFiP (Development and Testing): the same SOAP service, same field rules and same faults (P1 unknown
/// or expired idOp, P5 not finished; invalid fields are answered with a P2 fault of its own), and a payment page.
/// </summary>
public sealed class PayFiPSimulatorService(IDocumentStore store, CommuneContext communeScope, CommuneDirectory communes, IClock clock)
    : IPaiementSecuriseService
{
    /// <summary>PayFiP serves every commune: each commune's client number is known (its labels: the commune and its régie); any
    /// other is refused. The simulator keeps its operations in the database of the commune it is reached on.</summary>
    public Task<RecupererDetailClientResponse> RecupererDetailClientAsync(RecupererDetailClientRequest request)
    {
        var numcli = request.arg0?.numCli ?? "";
        if (communes.All.FirstOrDefault(c => c.Commune.Regie.PayFiPClientNumber == numcli)?.Commune is not { } commune)
            throw Fault("P2", "Paramètre invalide", "Champs refusés : numCli (client inconnu)");
        return Task.FromResult(new RecupererDetailClientResponse
        {
            @return = new DetailClient { libelleN1 = commune.Name, libelleN2 = commune.Regie.Name, libelleN3 = "", numcli = numcli },
        });
    }

    public async Task<CreerPaiementSecuriseResponse> CreerPaiementSecuriseAsync(CreerPaiementSecuriseRequest request)
    {
        var a = request.arg0 ?? new CreationPaiement();
        var invalid = PayFiPRules.Invalid(a.numcli ?? "", a.exer ?? "", a.refdet ?? "", a.objet ?? "", a.montant ?? "", a.mel ?? "", a.saisie ?? "").ToList();
        if (!Uri.TryCreate(a.urlnotif, UriKind.Absolute, out _)) invalid.Add("urlnotif");
        if (!Uri.TryCreate(a.urlredirect, UriKind.Absolute, out _)) invalid.Add("urlredirect");
        if (invalid.Count > 0) throw Fault("P2", "Paramètre invalide", $"Champs refusés : {string.Join(", ", invalid)}");
        var operation = new SimulatedPayFiPOperation { Id = Guid.NewGuid().ToString("N"), Request = a, CreatedAt = clock.GetCurrentInstant() };
        await using var session = store.LightweightSession(communeScope.TenantId);
        session.Store(operation);
        await session.SaveChangesAsync();
        return new CreerPaiementSecuriseResponse { @return = new CreationResultat { idOp = operation.Id } };
    }

    public async Task<RecupererDetailPaiementSecuriseResponse> RecupererDetailPaiementSecuriseAsync(RecupererDetailPaiementSecuriseRequest request)
    {
        var operation = await PayFiPSimulatorPages.FindAsync(store, communeScope, clock, request.arg0?.idOp);
        if (operation is null) throw Fault("P1", "IdOp incorrect", "L'identifiant d'opération est inconnu ou a expiré.");
        if (operation.Result is null) throw Fault("P5", "Résultat de la transaction non connu", "Le paiement n'est pas terminé.");
        var a = operation.Request;
        var at = operation.CompletedAt!.Value.InZone(DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        return new RecupererDetailPaiementSecuriseResponse
        {
            @return = new DetailPaiement
            {
                dattrans = LocalDatePattern.CreateWithInvariantCulture("ddMMuuuu").Format(at.Date),
                heurtrans = LocalTimePattern.CreateWithInvariantCulture("HHmm").Format(at.TimeOfDay),
                exer = a.exer, idOp = operation.Id, mel = a.mel, montant = a.montant, numauto = operation.Numauto ?? "", numcli = a.numcli,
                objet = a.objet, refdet = a.refdet, resultrans = operation.Result, saisie = a.saisie,
            },
        };
    }

    /// <summary>The fault detail as PayFiP's JAX-WS side writes it: the element in the service namespace, its fields unqualified.</summary>
    private static FaultException<XElement> Fault(string code, string label, string description) =>
        new(new XElement(XName.Get("FonctionnelleErreur", PayFiPSoap.Namespace), new XElement("code", code), new XElement("descriptif", description),
            new XElement("libelle", label), new XElement("severite", "2")), new FaultReason(label), new FaultCode("Server"), null);
}

/// <summary>The simulator's payment page: pay, refuse or cancel; then PayFiP's notification and the redirect back.</summary>
public static class PayFiPSimulatorPages
{
    public const string Root = "/payfip-simulator";
    public const string ServicePath = Root + "/services/securite";
    public const string PagePath = Root + "/tpa/paiementws.web";

    public static void MapPayFiPSimulator(this WebApplication app)
    {
        ((IEndpointRouteBuilder)app).UseSoapEndpoint<IPaiementSecuriseService>(ServicePath, new SoapEncoderOptions(), SoapSerializer.XmlSerializer).AllowAnonymous();
        app.MapGet(PagePath, Page).AllowAnonymous().WithTags("Simulateur PayFiP")
            .WithSummary("Simulateur PayFiP : la page de paiement")
            .WithDescription("Développement et tests seulement (jamais monté ailleurs). La page que PayFiP montrerait pour ?idop= : payer, refuser ou annuler, sans carte.");
        app.MapPost(PagePath, Complete).AllowAnonymous().WithTags("Simulateur PayFiP").DisableAntiforgery()
            .WithSummary("Simulateur PayFiP : terminer un paiement")
            .WithDescription("Développement et tests seulement. Termine le paiement ?idop= avec ?result= (P, V, R, Z ou A), notifie le portail sauf ?notify=0, puis renvoie le navigateur au portail.");
    }

    public static async Task<SimulatedPayFiPOperation?> FindAsync(IDocumentStore store, CommuneContext commune, IClock clock, string? idOp)
    {
        if (string.IsNullOrWhiteSpace(idOp) || idOp.Length > 64 || idOp.Contains('\0')) return null;
        await using var session = store.QuerySession(commune.TenantId);
        var operation = await session.LoadAsync<SimulatedPayFiPOperation>(idOp);
        var expired = operation is { Result: null } && clock.GetCurrentInstant() - operation.CreatedAt > PayFiPRules.IdOpLifetime;
        return expired ? null : operation;
    }

    /// <summary>The payment page PayFiP would show (no card is asked: this is the simulator).</summary>
    private static async Task<IResult> Page(string? idop, IDocumentStore store, CommuneContext commune, IClock clock)
    {
        var operation = await FindAsync(store, commune, clock, idop);
        if (operation is null) return Html(404, "<h1>Paiement introuvable</h1><p>Cet identifiant d'opération est inconnu ou a expiré.</p>");
        var a = operation.Request;
        var amount = Documents.FrenchFormat.Euros(long.Parse(a.montant));
        if (operation.Result is not null) return Html(200, $"<h1>Paiement déjà traité</h1><p>Résultat : {operation.Result}.</p>");
        string Button(string result, string label) =>
            $"<form method=\"post\" action=\"{PagePath}?idop={WebUtility.UrlEncode(operation.Id)}&amp;result={result}\"><button type=\"submit\">{label}</button></form>";
        return Html(200, $"""
            <h1>PayFiP – simulateur</h1>
            <p>Simulation locale du paiement en ligne de la DGFiP : aucune carte n'est demandée.</p>
            <dl><dt>Objet</dt><dd>{WebUtility.HtmlEncode(a.objet)}</dd><dt>Référence</dt><dd>{WebUtility.HtmlEncode(a.refdet)}</dd>
            <dt>Montant</dt><dd>{amount}</dd></dl>
            {Button("P", "Payer")}{Button("R", "Refuser le paiement")}{Button("A", "Annuler")}
            """);
    }

    /// <summary>Completes the payment with that <c>resultrans</c> (once), posts <c>idop</c> to <c>urlnotif</c> unless
    /// <c>notify=0</c> (a lost notification), then sends the browser back to <c>urlredirect</c>.</summary>
    private static async Task<IResult> Complete(string? idop, string? result, string? notify, IDocumentStore store, CommuneContext commune, IClock clock, PayFiPHttp http,
        ILoggerFactory loggers)
    {
        var operation = await FindAsync(store, commune, clock, idop);
        if (operation is null) return Html(404, "<h1>Paiement introuvable</h1><p>Cet identifiant d'opération est inconnu ou a expiré.</p>");
        if (result is not ("P" or "V" or "R" or "Z" or "A")) return Html(400, "<h1>Résultat inconnu</h1><p>Attendu : P, V, R, Z ou A.</p>");
        if (operation.Result is null)
        {
            operation.Result = result;
            operation.CompletedAt = clock.GetCurrentInstant();
            operation.Numauto = result is "P" or "V" ? Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            await using var session = store.LightweightSession(commune.TenantId);
            session.Store(operation);
            await session.SaveChangesAsync();
        }
        if (notify != "0")
        {
            try
            {
                using var client = http.Client();
                client.Timeout = TimeSpan.FromSeconds(10);
                using var answer = await client.PostAsync(operation.Request.urlnotif, new FormUrlEncodedContent([new("idop", operation.Id)]));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // PayFiP does not retry a failed notification either: the portal's reconciliation is what catches it.
                loggers.CreateLogger("PayFiPSimulator").LogWarning("Notification to the portal failed: {Error}", e.Message);
            }
        }
        return Results.Redirect(operation.Request.urlredirect);
    }

    private static IResult Html(int status, string body) => Results.Content(
        $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>PayFiP – simulateur</title><link rel=\"icon\" href=\"data:,\"></head><body>{body}</body></html>",
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
