using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Internet;

/// <summary>
/// The top-level domains a host may end in: every country code and the generic ones people actually
/// use (Presidio's URL recognizer hard-codes a similar list). Deliberately missing: <c>.name</c>,
/// <c>.email</c>, <c>.data</c>-like words that are far more often object properties in code.
/// </summary>
internal static class TopLevelDomains
{
    private const string CountryCodes =
        "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz " +
        "ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr " +
        "ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp " +
        "ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt " +
        "mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru " +
        "rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz " +
        "ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

    private const string Generic =
        "com org net edu gov mil int info biz pro aero coop museum mobi asia tel travel jobs cat " +
        "app dev xyz online site tech store shop blog cloud digital live news media agency company solutions services " +
        "systems network world today global group team studio design academy center support tools software page website " +
        "space fun club life art bio eco inc llc ltd money finance bank insurance health care clinic law legal press social " +
        "chat games wiki one top vip win icu guru ninja rocks zone work works ventures capital consulting marketing " +
        "photography photos video host hosting server codes engineering energy events expert family fashion food foundation " +
        "gallery green house institute international land london nyc berlin paris tokyo moe market partners plus report " +
        "school science security shopping show ski solar style training university vacations vision watch wtf " +
        "google amazon microsoft apple ai io";

    /// <summary>The generic TLDs a host may end in without <c>www.</c> or a scheme. Words such as <c>store</c>,
    /// <c>host</c>, <c>page</c> are left out: <c>this.store</c> and <c>req.host</c> are code, not domains.</summary>
    private const string BareGeneric = "com org net edu gov mil int info biz app dev xyz online site tech blog cloud";

    /// <summary>Country codes and gTLDs that are also file extensions or English words (<c>setup.py</c>, <c>README.md</c>,
    /// <c>model.pt</c>, <c>this.is</c>): a schemeless host ending in one needs <c>www.</c> or a path to count as a URL.</summary>
    private const string FileLike =
        "py md sh rs pl pm ps so cc mk am ac tf sv sc ml cl cr mm re id in is it at as be by do no us my ms ls lc gd st pro pt la nu";

    public static readonly FrozenSet<string> All =
        (CountryCodes + " " + Generic).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> BareSet =
        (CountryCodes + " " + BareGeneric).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> FileLikeSet = FileLike.Split(' ').ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AllLookup = All.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FileLikeLookup = FileLikeSet.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BareLookup = BareSet.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsKnown(ReadOnlySpan<char> tld) => AllLookup.Contains(tld);

    /// <summary>Whether a host without scheme or <c>www.</c> may end in <paramref name="tld"/>.</summary>
    public static bool IsBare(ReadOnlySpan<char> tld) => BareLookup.Contains(tld);

    public static bool IsFileLike(ReadOnlySpan<char> tld) => FileLikeLookup.Contains(tld);
}
