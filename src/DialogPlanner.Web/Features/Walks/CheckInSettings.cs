using System.Security.Cryptography;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>Walk-day check-in of people who come without an invitation (section <c>Walks</c>).</summary>
public sealed class CheckInSettings
{
    public const string Section = "Walks";

    /// <summary>
    /// Check-in closes by itself this many hours after the walk ends: long enough for someone to note what they saw on
    /// the way home that evening, short enough that a sheet left on a notice board does not let people in for weeks.
    /// </summary>
    public double CheckInClosesHoursAfterEnd { get; set; } = 6;
}

/// <summary>The short code on the walk sheet: typed from paper on a phone, so no letters that look alike (0/O, 1/I/L).</summary>
public static class CheckInCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    /// <summary>About 30 bits; guessing is slowed by the rate limit of the personal links, and a guess only lets someone join a walk.</summary>
    public static string New() => string.Create(Length, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>What people type: lower case, spaces or a dash in the middle. Null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var code = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }
}
