using System.Net;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>EMAIL_ADDRESS, URL, IP_ADDRESS (v4 and v6), MAC_ADDRESS.</summary>
internal sealed partial class PiiFaker
{
    private static readonly string[] MailProviders = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk", "icloud.com", "proton.me", "gmx.de", "orange.fr", "web.de", "libero.it", "uol.com.br", "yahoo.es"];

    private static readonly string[] CompanyDomains = ["acme-corp.com", "globex.io", "initech.net", "northwind.co.uk", "contoso.org", "umbrella-health.com", "stark-logistics.de", "hooli.xyz", "vandelay.us", "example-clinic.org"];

    private static readonly string[] SiteHosts = ["github.com", "docs.google.com", "drive.google.com", "www.dropbox.com", "app.hubspot.com", "calendly.com", "zoom.us", "www.linkedin.com", "jira.acme-corp.com", "portal.umbrella-health.com", "shop.globex.io", "intranet.initech.net"];

    /// <summary>An address built from a person's name, at a mail provider or a company.</summary>
    public string Email(PersonName person)
    {
        var first = Ascii(person.First).ToLowerInvariant();
        var last = Ascii(person.Last).ToLowerInvariant();
        var local = Int(0, 5) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first[..1]}{last}",
            2 => $"{first}_{last}{Int(1, 99)}",
            3 => $"{first}{Int(70, 2005)}",
            4 => $"{last}.{first}",
            _ => $"{first}-{last}",
        };
        return $"{local}@{(Chance(0.5) ? Pick(MailProviders) : Pick(CompanyDomains))}";
    }

    public string Email() => Chance(0.3) ? En.Internet.Email() : Email(Person());

    /// <summary>A URL with a path and sometimes a query; now and then without its scheme (<c>www.…</c>).</summary>
    public string Url()
    {
        var host = Chance(0.5) ? Pick(SiteHosts) : (Chance(0.5) ? "www." : "") + En.Internet.DomainName();
        var path = string.Join('/', Enumerable.Range(0, Int(0, 3)).Select(_ => Word()));
        var query = Chance(0.3) ? $"?{Word()}={Alnum(Int(4, 10))}&ref={Word()}" : "";
        var address = $"{host}/{path}{query}".TrimEnd('/');
        return Random.WeightedRandom(["https://", "http://", ""], [0.8f, 0.1f, 0.1f]) switch
        {
            "" when address.StartsWith("www.", StringComparison.Ordinal) => address,
            "" => "https://" + address,
            var scheme => scheme + address,
        };
    }

    public string IPv4() => $"{Int(1, 223)}.{Int(0, 255)}.{Int(0, 255)}.{Int(1, 254)}";

    /// <summary>An IPv6 address, compressed the standard way (RFC 5952), sometimes written out in full.</summary>
    public string IPv6()
    {
        var bytes = Random.Bytes(16);
        for (var i = Int(4, 12); Chance(0.6) && i < 14; i += 2)
        {
            bytes[i] = bytes[i + 1] = 0;
        }

        bytes[0] = Chance(0.3) ? (byte)0xFE : (byte)0x20;
        bytes[1] = bytes[0] == 0xFE ? (byte)0x80 : (byte)0x01;
        var address = new IPAddress(bytes);
        return Chance(0.75)
            ? address.ToString()
            : string.Join(':', Enumerable.Range(0, 8).Select(i => Convert.ToHexStringLower(bytes.AsSpan(i * 2, 2))));
    }

    public string IpAddress() => Chance(0.7) ? IPv4() : IPv6();

    public string MacAddress()
    {
        var hex = Convert.ToHexStringLower(Random.Bytes(6));
        var pairs = hex.Chunk(2).Select(pair => new string(pair)).ToArray();
        return Int(0, 4) switch
        {
            0 or 1 => string.Join(':', pairs),
            2 => string.Join(':', pairs).ToUpperInvariant(),
            3 => string.Join('-', pairs).ToUpperInvariant(),
            _ => $"{hex[..4]}.{hex[4..8]}.{hex[8..]}",
        };
    }
}
