using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;
using System.Xml.Linq;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Payments;

/// <summary>A functional error PayFiP answered with (a SOAP fault): <c>P1</c> unknown or expired idOp, <c>P5</c> not finished.</summary>
public sealed class PayFiPError(string code, string label) : Exception($"PayFiP {code}: {label}")
{
    public string Code { get; } = code;
    public string Label { get; } = label;
}

/// <summary>PayFiP could not be reached or answered something that is not PayFiP.</summary>
public sealed class PayFiPUnavailable(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Where PayFiP's HTTP goes: the network, unless a handler is set (the tests route it to the in-process server, so
/// the portal talks to its own simulator exactly as it would to PayFiP).
/// </summary>
public sealed class PayFiPHttp
{
    public Func<HttpMessageHandler>? Handler { get; set; }

    public HttpClient Client() => Handler is { } make ? new HttpClient(make(), disposeHandler: true) : new HttpClient();
}

/// <summary>The portal's client of PayFiP's web service (System.ServiceModel over SOAP 1.1).</summary>
public sealed class PayFiPClient : IDisposable
{
    private readonly ChannelFactory<IPaiementSecuriseService> _factory;

    public PayFiPClient(PayFiPSettings settings, PayFiPHttp http)
    {
        var address = new Uri(settings.ServiceUrl);
        var binding = new BasicHttpBinding(address.Scheme == Uri.UriSchemeHttps ? BasicHttpSecurityMode.Transport : BasicHttpSecurityMode.None)
        {
            SendTimeout = TimeSpan.FromSeconds(30), ReceiveTimeout = TimeSpan.FromSeconds(30), MaxReceivedMessageSize = 1_000_000,
        };
        _factory = new ChannelFactory<IPaiementSecuriseService>(binding, new EndpointAddress(address));
        _factory.Endpoint.EndpointBehaviors.Add(new RouteThrough(http));
    }

    public async Task<string> CreateAsync(CreationPaiement request) =>
        (await CallAsync(service => service.CreerPaiementSecuriseAsync(new CreerPaiementSecuriseRequest { arg0 = request }))).@return.idOp;

    public async Task<DetailPaiement> DetailAsync(string idOp) =>
        (await CallAsync(service => service.RecupererDetailPaiementSecuriseAsync(new RecupererDetailPaiementSecuriseRequest { arg0 = new DetailDemande { idOp = idOp } }))).@return;

    private async Task<T> CallAsync<T>(Func<IPaiementSecuriseService, Task<T>> call)
    {
        var channel = _factory.CreateChannel();
        var communication = (ICommunicationObject)channel;
        try
        {
            var result = await call(channel);
            communication.Close();
            return result;
        }
        catch (FaultException fault)
        {
            communication.Abort();
            var (code, label) = ReadDetail(fault);
            throw new PayFiPError(code, label);
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException or ProtocolException)
        {
            communication.Abort();
            throw new PayFiPUnavailable("PayFiP did not answer.", e);
        }
    }

    /// <summary>The FonctionnelleErreur's code and libelle, read by local name (qualified or not, as the server writes them).</summary>
    private static (string Code, string Label) ReadDetail(FaultException fault)
    {
        var message = fault.CreateMessageFault();
        if (!message.HasDetail) return ("", fault.Message);
        using var reader = message.GetReaderAtDetailContents();
        reader.MoveToContent();
        var detail = (XElement)XNode.ReadFrom(reader);
        string? Field(string name) => detail.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return (Field("code") ?? "", Field("libelle") ?? fault.Message);
    }

    public void Dispose() => ((IDisposable)_factory).Dispose();

    /// <summary>Lets <see cref="PayFiPHttp"/> choose the HTTP handler (System.ServiceModel asks the binding parameters for one).</summary>
    private sealed class RouteThrough(PayFiPHttp http) : IEndpointBehavior
    {
        public void AddBindingParameters(ServiceEndpoint endpoint, BindingParameterCollection bindingParameters)
        {
            if (http.Handler is { } make) bindingParameters.Add(new Func<HttpClientHandler, HttpMessageHandler>(_ => make()));
        }

        public void ApplyClientBehavior(ServiceEndpoint endpoint, ClientRuntime clientRuntime) { }
        public void ApplyDispatchBehavior(ServiceEndpoint endpoint, EndpointDispatcher endpointDispatcher) { }
        public void Validate(ServiceEndpoint endpoint) { }
    }
}
