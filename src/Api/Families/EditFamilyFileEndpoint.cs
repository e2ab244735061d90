using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Families;

/// <summary>The family file as staff write it back: every field of the paper form but the e-mail and the QF (their own routes).</summary>
public sealed record EditFamilyFile(
    string Civility, string FirstName, string LastName, Address Address, Phones Phones, Allocataire Allocataire, int DependentChildren)
{
    public FamilyFileFields Fields => new(Civility, FirstName, LastName, Address, Phones ?? new Phones(), Allocataire ?? new Allocataire(), DependentChildren);
}

public static class EditFamilyFileEndpoint
{
    public static ProblemDetails Validate(EditFamilyFile command, [NotBody] Family? family) =>
        family is null ? FamilyProblems.NoSuchFamily : Problems.InvalidDetails(FamilyFile.Check(command.Fields));

    /// <summary>Staff correct the file directly; the parent's dashboard shows that the mairie changed it.</summary>
    [WolverinePut("/api/staff/families/{familyId}"), Tags("Familles")]
    [EndpointSummary("Modifier une fiche famille")]
    [EndpointDescription("Agents. Réécrit la fiche : responsable, adresse, téléphones, allocataire et enfants à charge (l'e-mail et le quotient familial " +
                         "ont leurs propres routes). Seules les données changées sont enregistrées, avec leur auteur ; la famille voit dans son " +
                         "tableau de bord que la mairie a modifié sa fiche. Une fiche identique ne change rien.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, Wolverine.Marten.Events) Put(EditFamilyFile command, [WriteAggregate("familyId", Required = false)] Family family,
        [NotBody] CurrentUser user, IClock clock) =>
        (Results.NoContent(), [.. FamilyFile.Edit(family, command.Fields, user.Actor, clock.GetCurrentInstant())]);
}

/// <summary>A child's data as staff write them back.</summary>
public sealed record EditChild(string FirstName, string LastName, LocalDate BirthDate, string Sex)
{
    public ChildFields Fields => new(FirstName, LastName, BirthDate, Sex);
}

public static class EditChildEndpoint
{
    public static ProblemDetails Validate(Guid childId, EditChild command, [NotBody] Family? family, IClock clock, CommuneSettings commune) =>
        family?.ChildById(childId) is null ? FamilyProblems.NoSuchChild
            : Problems.InvalidDetails(FamilyFile.CheckChild(command.Fields, Dates.Today(clock, commune.Zone)));

    [WolverinePut("/api/staff/families/{familyId}/children/{childId}"), Tags("Familles")]
    [EndpointSummary("Modifier les données d'un enfant")]
    [EndpointDescription("Agents. Prénom, nom, date de naissance et sexe d'un enfant de la famille ; seules les données changées sont enregistrées, " +
                         "avec leur auteur, et la famille le voit dans son tableau de bord. Un enfant d'une autre famille : 404.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, Wolverine.Marten.Events) Put(Guid childId, EditChild command, [WriteAggregate("familyId", Required = false)] Family family,
        [NotBody] CurrentUser user, IClock clock) =>
        (Results.NoContent(), [.. FamilyFile.EditChild(family, childId, command.Fields, user.Actor, clock.GetCurrentInstant())]);
}

public static class FamilyProblems
{
    public static ProblemDetails NoSuchFamily => Problems.NotFoundDetails("Aucune famille avec cet identifiant.");

    public static ProblemDetails NoSuchChild => Problems.NotFoundDetails("Aucun enfant avec cet identifiant dans cette famille.");
}

/// <summary>A child's diet and PAI as staff set them.</summary>
public sealed record SetChildDiet(string Diet, string? Pai = null);

public static class SetChildDietEndpoint
{
    public static ProblemDetails Validate(Guid childId, SetChildDiet command, [NotBody] Family? family, CommuneSettings commune) =>
        family?.ChildById(childId) is null ? FamilyProblems.NoSuchChild
            : Problems.InvalidDetails(ChildDiet.Check(command.Diet, command.Pai, commune.DietList.ToList()));

    /// <summary>Health data: set by staff only; the kitchen's counts use it, never a name.</summary>
    [WolverinePut("/api/staff/families/{familyId}/children/{childId}/diet"), Tags("Familles")]
    [EndpointSummary("Régime alimentaire et PAI d'un enfant")]
    [EndpointDescription("Agents. Le régime (l'un de ceux de la commune, GET /api/commune) et, s'il y en a un, le PAI : « repas-adapte » ou " +
                         "« panier-repas ». Données de santé (RGPD, article 9) : enregistrées avec leur auteur, effacées avec la fiche ; la " +
                         "famille voit dans son tableau de bord que la mairie les a modifiées, sans leur valeur. Les mêmes valeurs : rien n'est " +
                         "enregistré. Un enfant d'une autre famille : 404.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, Wolverine.Marten.Events) Put(Guid childId, SetChildDiet command, [WriteAggregate("familyId", Required = false)] Family family,
        [NotBody] CurrentUser user, IClock clock) =>
        (Results.NoContent(), [.. ChildDiet.Set(family, childId, command.Diet, command.Pai, user.Actor, clock.GetCurrentInstant())]);
}
