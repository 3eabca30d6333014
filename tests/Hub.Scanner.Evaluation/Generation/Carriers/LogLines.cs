using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>A few lines of one log: web server access logs, application logs, syslog, sshd.</summary>
internal static class LogLines
{
    private static readonly string[] Paths = ["/api/v1/orders", "/login", "/account/settings", "/static/app.js", "/healthz", "/checkout/confirm"];

    public static string Generate(PiiFaker f)
    {
        var style = f.Pick(["access", "app", "syslog", "python"]);
        var count = f.Int(2, 5);
        var lines = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(style switch
            {
                "access" => Access(f),
                "app" => App(f),
                "syslog" => Syslog(f),
                _ => Python(f),
            });
        }

        return string.Join('\n', lines);
    }

    private static string Access(PiiFaker f)
    {
        var path = f.Chance(0.3) ? $"/account/lookup?email={f.Email().As(E.EmailAddress)}" : f.Pick(Paths);
        var referrer = f.Chance(0.5) ? f.Url().As(E.Url) : "-";
        return $"{f.IpAddress().As(E.IpAddress)} - - [{f.LogTimestamp("apache").As(E.DateTime)}] \"{f.Pick(["GET", "POST"])} {path} HTTP/1.1\" {f.Pick(["200", "302", "404", "500"])} {f.Int(200, 90000)} \"{referrer}\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
    }

    private static string App(PiiFaker f) => f.Int(0, 5) switch
    {
        0 => $"{f.LogTimestamp("iso").As(E.DateTime)} INFO  auth: login succeeded user={f.Email().As(E.EmailAddress)} ip={f.IpAddress().As(E.IpAddress)} session={f.HexLower(16)}",
        1 => $"{f.LogTimestamp("iso").As(E.DateTime)} WARN  payments: charge declined customer=\"{f.Person().Full.As(E.Person)}\" amount=129.00 currency=EUR code=card_declined",
        2 => $"{f.LogTimestamp("iso").As(E.DateTime)} ERROR notify: POST {f.SlackWebhook().As(E.SlackWebhook)} failed status=404 attempt={f.Int(1, 5)}",
        3 => $"{f.LogTimestamp("iso").As(E.DateTime)} DEBUG kyc: verifying ssn={f.Ssn().As(E.UsSsn)} for applicant_id={f.Digits(7)}",
        4 => $"{f.LogTimestamp("iso").As(E.DateTime)} INFO  payouts: updated iban={f.Iban().As(E.IbanCode)} for merchant_id={f.Digits(6)}",
        _ => $"{f.LogTimestamp("iso").As(E.DateTime)} INFO  wallet: withdrawal to {f.CryptoAddress().As(E.CryptoAddress)} queued tx_id={f.HexLower(64)}",
    };

    private static string Syslog(PiiFaker f) => f.Int(0, 2) switch
    {
        0 => $"{f.LogTimestamp("syslog").As(E.DateTime)} gw01 dhcpd[{f.Int(300, 9000)}]: DHCPACK on {f.IPv4().As(E.IpAddress)} to {f.MacAddress().As(E.MacAddress)} via eth0",
        1 => $"{f.LogTimestamp("syslog").As(E.DateTime)} bastion sshd[{f.Int(300, 9000)}]: Accepted publickey for deploy from {f.IpAddress().As(E.IpAddress)} port {f.Int(30000, 65000)} ssh2",
        _ => $"{f.LogTimestamp("syslog").As(E.DateTime)} ap-3 hostapd: wlan0: STA {f.MacAddress().As(E.MacAddress)} IEEE 802.11: associated",
    };

    private static string Python(PiiFaker f) => f.Int(0, 2) switch
    {
        0 => $"{f.LogTimestamp("python").As(E.DateTime)} - mailer - INFO - sent receipt to {f.Email().As(E.EmailAddress)} ({f.Int(1, 9)} attachments)",
        1 => $"{f.LogTimestamp("python").As(E.DateTime)} - crm - INFO - created contact {f.Person().Full.As(E.Person)} phone={f.Phone().As(E.PhoneNumber)}",
        _ => $"{f.LogTimestamp("python").As(E.DateTime)} - sync - WARNING - retrying {f.Url().As(E.Url)} after timeout (3/5)",
    };
}
