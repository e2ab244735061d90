using System.Security.Cryptography;
using System.Text;

namespace PortailFamille.Domain.Common;

/// <summary>Deterministic stream ids for things staff name by code (activities, the calendar).</summary>
public static class StableId
{
    public static Guid For(string kind, string key)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{kind}:{key.ToUpperInvariant()}"));
        return new Guid(hash);
    }
}
