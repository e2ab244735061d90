namespace PortailFamille.Domain.Common;

/// <summary>Who caused a fact: rendered as <c>staff:{id}</c>, <c>parent:{id}</c>, <c>system</c> or <c>payfip</c>.</summary>
public sealed record Actor(string Kind, Guid? Id)
{
    public static readonly Actor System = new("system", null);
    public static readonly Actor PayFiP = new("payfip", null);
    public static Actor Staff(Guid id) => new("staff", id);
    public static Actor Parent(Guid id) => new("parent", id);

    public override string ToString() => Id is { } id ? $"{Kind}:{id}" : Kind;
}
