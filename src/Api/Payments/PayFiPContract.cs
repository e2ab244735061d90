using System.ServiceModel;
using System.Xml.Schema;
using System.Xml.Serialization;

namespace PortailFamille.Api.Payments;

/// <summary>
/// PayFiP's web service (PaiementSecuriseService), document/literal as its JAX-WS side writes it: the wrapper
/// elements are in the service namespace, <c>arg0</c>, <c>return</c> and their fields are unqualified. One contract
/// serves the client (System.ServiceModel) and the local simulator (SoapCore). Faults (FonctionnelleErreur) are read
/// from the fault detail by the client itself, whatever the qualification of their fields.
/// </summary>
[ServiceContract(Namespace = PayFiPSoap.Namespace, Name = "PaiementSecuriseService")]
[XmlSerializerFormat(SupportFaults = true, Style = OperationFormatStyle.Document, Use = OperationFormatUse.Literal)]
public interface IPaiementSecuriseService
{
    [OperationContract(Name = "creerPaiementSecurise", Action = "creerPaiementSecurise", ReplyAction = "*")]
    Task<CreerPaiementSecuriseResponse> CreerPaiementSecuriseAsync(CreerPaiementSecuriseRequest request);

    [OperationContract(Name = "recupererDetailPaiementSecurise", Action = "recupererDetailPaiementSecurise", ReplyAction = "*")]
    Task<RecupererDetailPaiementSecuriseResponse> RecupererDetailPaiementSecuriseAsync(RecupererDetailPaiementSecuriseRequest request);

    /// <summary>The client's labels for a numcli: what PayFiP clients call to check their configuration.</summary>
    [OperationContract(Name = "recupererDetailClient", Action = "recupererDetailClient", ReplyAction = "*")]
    Task<RecupererDetailClientResponse> RecupererDetailClientAsync(RecupererDetailClientRequest request);
}

public static class PayFiPSoap
{
    public const string Namespace =
        "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService";
}

[MessageContract(WrapperName = "creerPaiementSecurise", WrapperNamespace = PayFiPSoap.Namespace, IsWrapped = true)]
public sealed class CreerPaiementSecuriseRequest
{
    [MessageBodyMember(Namespace = PayFiPSoap.Namespace, Order = 0)]
    [XmlElement(Form = XmlSchemaForm.Unqualified)]
    public CreationPaiement arg0 { get; set; } = new();
}

[MessageContract(WrapperName = "creerPaiementSecuriseResponse", WrapperNamespace = PayFiPSoap.Namespace, IsWrapped = true)]
public sealed class CreerPaiementSecuriseResponse
{
    [MessageBodyMember(Namespace = PayFiPSoap.Namespace, Order = 0)]
    [XmlElement(Form = XmlSchemaForm.Unqualified)]
    public CreationResultat @return { get; set; } = new();
}

[MessageContract(WrapperName = "recupererDetailPaiementSecurise", WrapperNamespace = PayFiPSoap.Namespace, IsWrapped = true)]
public sealed class RecupererDetailPaiementSecuriseRequest
{
    [MessageBodyMember(Namespace = PayFiPSoap.Namespace, Order = 0)]
    [XmlElement(Form = XmlSchemaForm.Unqualified)]
    public DetailDemande arg0 { get; set; } = new();
}

[MessageContract(WrapperName = "recupererDetailPaiementSecuriseResponse", WrapperNamespace = PayFiPSoap.Namespace, IsWrapped = true)]
public sealed class RecupererDetailPaiementSecuriseResponse
{
    [MessageBodyMember(Namespace = PayFiPSoap.Namespace, Order = 0)]
    [XmlElement(Form = XmlSchemaForm.Unqualified)]
    public DetailPaiement @return { get; set; } = new();
}

[MessageContract(WrapperName = "recupererDetailClient", WrapperNamespace = PayFiPSoap.Namespace, IsWrapped = true)]
public sealed class RecupererDetailClientRequest
{
    [MessageBodyMember(Namespace = PayFiPSoap.Namespace, Order = 0)]
    [XmlElement(Form = XmlSchemaForm.Unqualified)]
    public DetailClientDemande arg0 { get; set; } = new();
}

[MessageContract(WrapperName = "recupererDetailClientResponse", WrapperNamespace = PayFiPSoap.Namespace, IsWrapped = true)]
public sealed class RecupererDetailClientResponse
{
    [MessageBodyMember(Namespace = PayFiPSoap.Namespace, Order = 0)]
    [XmlElement(Form = XmlSchemaForm.Unqualified)]
    public DetailClient @return { get; set; } = new();
}

[XmlType(Namespace = "")]
public sealed class DetailClientDemande
{
    [XmlElement(Form = XmlSchemaForm.Unqualified)] public string numCli { get; set; } = "";
}

[XmlType(Namespace = "")]
public sealed class DetailClient
{
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 0)] public string libelleN1 { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 1)] public string libelleN2 { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 2)] public string libelleN3 { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 3)] public string numcli { get; set; } = "";
}

[XmlType(Namespace = "")]
public sealed record CreationPaiement
{
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 0)] public string exer { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 1)] public string mel { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 2)] public string montant { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 3)] public string numcli { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 4)] public string objet { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 5)] public string refdet { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 6)] public string saisie { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 7)] public string urlnotif { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 8)] public string urlredirect { get; set; } = "";
}

[XmlType(Namespace = "")]
public sealed class CreationResultat
{
    [XmlElement(Form = XmlSchemaForm.Unqualified)] public string idOp { get; set; } = "";
}

[XmlType(Namespace = "")]
public sealed class DetailDemande
{
    [XmlElement(Form = XmlSchemaForm.Unqualified)] public string idOp { get; set; } = "";
}

[XmlType(Namespace = "")]
public sealed class DetailPaiement
{
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 0)] public string dattrans { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 1)] public string exer { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 2)] public string heurtrans { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 3)] public string idOp { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 4)] public string mel { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 5)] public string montant { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 6)] public string numauto { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 7)] public string numcli { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 8)] public string objet { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 9)] public string refdet { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 10)] public string resultrans { get; set; } = "";
    [XmlElement(Form = XmlSchemaForm.Unqualified, Order = 11)] public string saisie { get; set; } = "";
}
