using System.Text.Json.Serialization;

namespace PortailFamille.Domain.Common;

[JsonConverter(typeof(JsonStringEnumConverter<ActorKind>))]
public enum ActorKind
{
    [JsonStringEnumMemberName("system")] System,
    [JsonStringEnumMemberName("payfip")] PayFiP,
    [JsonStringEnumMemberName("staff")] Staff,
    [JsonStringEnumMemberName("parent")] Parent,
}

/// <summary>Who caused a fact: rendered as <c>staff:{id}</c>, <c>parent:{id}</c>, <c>system</c> or <c>payfip</c>.</summary>
public sealed record Actor(ActorKind Kind, Guid? Id)
{
    public static readonly Actor System = new(ActorKind.System, null);
    public static readonly Actor PayFiP = new(ActorKind.PayFiP, null);
    public static Actor Staff(Guid id) => new(ActorKind.Staff, id);
    public static Actor Parent(Guid id) => new(ActorKind.Parent, id);

    public override string ToString() => Id is { } id ? $"{Kind.Wire()}:{id}" : Kind.Wire();
}
