namespace DialogPlanner.Web.Features.Promises.Planning;

/// <summary>
/// Swedish public holidays (helgdagar) and the eves that are days off in practice (midsommarafton,
/// julafton, nyårsafton, påskafton, pingstafton), computed for any year.
/// </summary>
public static class SwedishHolidays
{
    public static IReadOnlyList<(DateOnly Date, string Name)> For(int year)
    {
        var easter = EasterSunday(year);
        var midsummerEve = FirstWeekday(new DateOnly(year, 6, 19), DayOfWeek.Friday);
        var allSaints = FirstWeekday(new DateOnly(year, 10, 31), DayOfWeek.Saturday);
        List<(DateOnly, string)> days =
        [
            (new DateOnly(year, 1, 1), "Nyårsdagen"),
            (new DateOnly(year, 1, 6), "Trettondedag jul"),
            (easter.AddDays(-2), "Långfredagen"),
            (easter.AddDays(-1), "Påskafton"),
            (easter, "Påskdagen"),
            (easter.AddDays(1), "Annandag påsk"),
            (new DateOnly(year, 5, 1), "Första maj"),
            (easter.AddDays(39), "Kristi himmelsfärdsdag"),
            (easter.AddDays(48), "Pingstafton"),
            (easter.AddDays(49), "Pingstdagen"),
            (new DateOnly(year, 6, 6), "Sveriges nationaldag"),
            (midsummerEve, "Midsommarafton"),
            (midsummerEve.AddDays(1), "Midsommardagen"),
            (allSaints, "Alla helgons dag"),
            (new DateOnly(year, 12, 24), "Julafton"),
            (new DateOnly(year, 12, 25), "Juldagen"),
            (new DateOnly(year, 12, 26), "Annandag jul"),
            (new DateOnly(year, 12, 31), "Nyårsafton"),
        ];
        return days.OrderBy(d => d.Item1).ToList();
    }

    public static string? NameOf(DateOnly date) => For(date.Year).FirstOrDefault(h => h.Date == date).Name;

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstWeekday(DateOnly from, DayOfWeek day) =>
        from.AddDays(((int)day - (int)from.DayOfWeek + 7) % 7);
}
