using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace PortailFamille.Domain.Common;

/// <summary>
/// The words the product speaks in (statuses, outcomes, kinds) are enums whose members each carry the string written
/// on the wire, in stored events and in read models (<see cref="JsonStringEnumMemberNameAttribute"/>). The strings were
/// there first: outside clients and stored events depend on them, so a member is renamed in C# only.
/// </summary>
public static class Vocabulary
{
    /// <summary>The member's string, as written on the wire and in the store.</summary>
    public static string Wire<T>(this T value) where T : struct, Enum =>
        Words<T>.ByValue.TryGetValue(value, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Reads a string a client sent; exact and case-sensitive, as the JSON contract is.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && Words<T>.ByWord.TryGetValue(text, out value);
    }

    /// <summary>Every string of the enum, in declaration order (for messages listing what is accepted).</summary>
    public static IReadOnlyList<string> WordsOf<T>() where T : struct, Enum => Words<T>.InOrder;

    /// <summary>The enum members that have no string of their own (a vocabulary test expects none).</summary>
    public static IReadOnlyList<string> Unnamed(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>() is null)
            .Select(f => f.Name).ToList();

    private static class Words<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder;
        public static readonly FrozenDictionary<T, string> ByValue;
        public static readonly FrozenDictionary<string, T> ByWord;

        static Words()
        {
            var fields = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static);
            var pairs = fields.Select(f => ((T)f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)).ToList();
            InOrder = pairs.Select(p => p.Item2).ToList();
            ByValue = pairs.ToFrozenDictionary(p => p.Item1, p => p.Item2);
            ByWord = pairs.ToFrozenDictionary(p => p.Item2, p => p.Item1, StringComparer.Ordinal);
        }
    }
}
