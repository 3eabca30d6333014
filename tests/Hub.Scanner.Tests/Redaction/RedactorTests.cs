using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Redaction;

namespace Hub.Scanner.Tests.Redaction;

public sealed class RedactorTests
{
    [Fact]
    public void Redact_TypeStyle_ReplacesRedactAndBlockButNotLog()
    {
        const string text = "a@b.io met Bob at 10.0.0.1";
        List<Finding> findings =
        [
            new(0, "EMAIL_ADDRESS", 0, 6, 1, ScanAction.Redact),
            new(0, "PERSON", 11, 14, 0.8, ScanAction.Log),
            new(0, "IP_ADDRESS", 18, 26, 0.6, ScanAction.Block),
        ];

        var redacted = Redactor.Redact([text], findings, PlaceholderStyle.Type);

        Assert.Equal("[EMAIL_ADDRESS] met Bob at [IP_ADDRESS]", redacted[0]);
    }

    [Fact]
    public void Redact_Numbered_SameValueSameNumberAcrossTexts()
    {
        string[] texts = ["Ann and Bo", "Bo then Ann then Cy"];
        List<Finding> findings =
        [
            new(0, "PERSON", 0, 3, 1, ScanAction.Redact),
            new(0, "PERSON", 8, 10, 1, ScanAction.Redact),
            new(1, "PERSON", 0, 2, 1, ScanAction.Redact),
            new(1, "PERSON", 8, 11, 1, ScanAction.Redact),
            new(1, "PERSON", 17, 19, 1, ScanAction.Redact),
        ];

        var redacted = Redactor.Redact(texts, findings, PlaceholderStyle.Numbered);

        Assert.Equal(["[PERSON_1] and [PERSON_2]", "[PERSON_2] then [PERSON_1] then [PERSON_3]"], redacted);
    }

    [Fact]
    public void Redact_NothingToReplace_ReturnsSameInstance()
    {
        const string text = "nothing here";

        Assert.Same(text, Redactor.Redact([text], [], PlaceholderStyle.Type)[0]);
    }
}
