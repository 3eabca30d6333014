extern alias scanner;

using System.Text;
using BenchmarkDotNet.Attributes;
using Hub.Core.Entities;
using Hub.Core.Policies;
using Microsoft.Extensions.DependencyInjection;
using scanner::Hub.Scanner;
using scanner::Hub.Scanner.Engine;
using scanner::Hub.Scanner.Policies;
using scanner::Hub.Scanner.Recognizers.Injection;

namespace Hub.Benchmarks;

/// <summary>
/// The DLP engine with every built-in type on (Maximum Protection), on one thread: a 100-character
/// message, a 2 KB chat prompt with a handful of PII values, a 100 KB document, and adversarial
/// 100 KB inputs that would expose any pattern that goes quadratic.
/// </summary>
[MemoryDiagnoser]
public class ScannerBenchmarks
{
    private const string ShortMessage = "Hi, I'm Dana Whitfield. Email me at dana.whitfield@example.com or call (415) 555-0134 after 5pm.";

    private const string PromptParagraph =
        "Summarize this patient record for the referral letter. Patient: John Smith, DOB 03/14/1962, " +
        "SSN 536-22-8190, lives at 742 Evergreen Terrace, Springfield, IL 62704. Contact: john.smith@example.org, " +
        "+1 (217) 555-0199. Insurance card 4111 1111 1111 1111 on file. The patient reports intermittent chest " +
        "pain over the last three weeks, worse on exertion, relieved by rest. No history of diabetes. Current " +
        "medication: atorvastatin 20 mg daily, aspirin 81 mg daily. Blood pressure 138/86, heart rate 78. ";

    private const string Filler =
        "Please keep the tone professional and concise, list the key findings first, then the plan, and avoid " +
        "speculation beyond what the notes say. Use plain language a general practitioner will appreciate. ";

    private ScanEngine engine = null!;
    private ScanPolicy policy = null!;
    private ScanPolicy policyWithoutInjection = null!;
    private InjectionDetector injection = null!;
    private string[] shortMessage = null!;
    private string[] prompt2Kb = null!;
    private string[] document100Kb = null!;
    private string[] digits100Kb = null!;
    private string[] atsAndDots100Kb = null!;
    private string[] longWord100Kb = null!;
    private string[] capitalizedWords100Kb = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddScanEngine().BuildServiceProvider();
        engine = services.GetRequiredService<ScanEngine>();
        policy = services.GetRequiredService<PolicyResolver>().Resolve(null).Policy!;
        policyWithoutInjection = services.GetRequiredService<PolicyResolver>().Resolve(
            new PolicyDocument(Entities: new Dictionary<string, string> { [EntityNames.PromptInjection] = "OFF" })).Policy!;
        injection = services.GetRequiredService<InjectionDetector>();
        shortMessage = [ShortMessage];
        prompt2Kb = [Repeat(PromptParagraph + Filler + Filler, 2048)];
        document100Kb = [Repeat(PromptParagraph + Filler + Filler + Filler, 100 * 1024)];
        digits100Kb = [Repeat("0123456789", 100 * 1024)];
        atsAndDots100Kb = [Repeat("@.", 100 * 1024)];
        longWord100Kb = [Repeat("abcdefghij", 100 * 1024)];
        capitalizedWords100Kb = [Repeat("Aaaa Bbbb ", 100 * 1024)];
    }

    [Benchmark]
    public int Message_100Chars() => engine.Scan(shortMessage, policy).Findings.Count;

    [Benchmark]
    public int Prompt_2KB() => engine.Scan(prompt2Kb, policy).Findings.Count;

    /// <summary>The same prompt with PROMPT_INJECTION off: the difference to <see cref="Prompt_2KB"/> is what injection detection costs.</summary>
    [Benchmark]
    public int Prompt_2KB_WithoutInjection() => engine.Scan(prompt2Kb, policyWithoutInjection).Findings.Count;

    [Benchmark]
    public double Injection_Only_2KB() => injection.Inspect(prompt2Kb[0]).Score;

    [Benchmark]
    public int Document_100KB() => engine.Scan(document100Kb, policy).Findings.Count;

    [Benchmark]
    public int Adversarial_Digits_100KB() => engine.Scan(digits100Kb, policy).Findings.Count;

    [Benchmark]
    public int Adversarial_AtsAndDots_100KB() => engine.Scan(atsAndDots100Kb, policy).Findings.Count;

    [Benchmark]
    public int Adversarial_LongWord_100KB() => engine.Scan(longWord100Kb, policy).Findings.Count;

    [Benchmark]
    public int Adversarial_CapitalizedWords_100KB() => engine.Scan(capitalizedWords100Kb, policy).Findings.Count;

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, length);
    }
}
