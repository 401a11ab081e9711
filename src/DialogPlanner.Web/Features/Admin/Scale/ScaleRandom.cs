namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>
/// The scale data's randomness. Each part (a municipality, a year, an event) gets a <see cref="Random"/> of its own,
/// seeded from the run's seed and that part's coordinates, so a part is the same whatever was drawn before it:
/// the same seed gives the same data even where a branch (past or future, say) draws more or fewer numbers.
/// <c>new Random(int)</c> is the same sequence on every .NET version; <see cref="HashCode"/> is not used (it is
/// randomised per process).
/// </summary>
public static class ScaleRandom
{
    public static Random For(int seed, params int[] parts)
    {
        var h = SplitMix((ulong)(uint)seed);
        foreach (var part in parts) h = SplitMix(h ^ (uint)part);
        return new Random((int)(h & 0x7FFF_FFFF));
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E37_79B9_7F4A_7C15;
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
        return x ^ (x >> 31);
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A value whose weight is the share of draws it gets.</summary>
    public static T Weighted<T>(this Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        throw new InvalidOperationException("No choices.");
    }

    /// <summary><paramref name="count"/> different indexes below <paramref name="size"/> (a partial Fisher–Yates shuffle).</summary>
    public static int[] Sample(this Random random, int size, int count)
    {
        var all = Enumerable.Range(0, size).ToArray();
        count = Math.Min(count, size);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, size);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..count];
    }

    /// <summary>An invitation token as <c>Invitation.NewToken</c> makes them (256 bits, URL-safe), but from the seed.</summary>
    public static string Token(this Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static Guid Guid(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>A point within about <paramref name="metres"/> of a centre.</summary>
    public static (double Latitude, double Longitude) Near(this Random random, double latitude, double longitude, double metres)
    {
        var dLat = (random.NextDouble() * 2 - 1) * metres / 111_000;
        var dLon = (random.NextDouble() * 2 - 1) * metres / (111_000 * Math.Cos(latitude * Math.PI / 180));
        return (Math.Round(latitude + dLat, 6), Math.Round(longitude + dLon, 6));
    }
}
