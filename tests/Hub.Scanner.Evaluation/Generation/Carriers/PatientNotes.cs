using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>Clinical notes, UK (NHS number, NINO) and US (SSN, DEA, insurance) style.</summary>
internal static class PatientNotes
{
    private static readonly string[] Complaints =
        ["chest pain on exertion", "a persistent dry cough", "lower back pain after a fall", "recurrent migraines", "shortness of breath", "a rash on both forearms"];

    private static readonly string[] Plans =
        ["Bloods taken; review in two weeks.", "Started on amlodipine 5 mg once daily.", "Referred to cardiology.", "Advised rest and ibuprofen 400 mg as needed.", "ECG normal. Safety-netting advice given."];

    public static string Generate(PiiFaker f) => f.Chance(0.5) ? UkNote(f) : UsNote(f);

    private static string UkNote(PiiFaker f)
    {
        var patient = f.Person(f.Pick(["en_GB", "en_GB", "en_IND", "pl", "en"]));
        var gp = f.Person("en_GB");
        var lines = new List<string>
        {
            $"PATIENT: {f.FullName(patient).As(E.Person)}    DOB: {f.BirthDate().As(E.DateTime)}    NHS No: {f.NhsNumber().As(E.UkNhsNumber)}",
            $"Address: {f.StreetAddress("GB").As(E.StreetAddress)}    Tel: {f.Phone("GB").As(E.PhoneNumber)}",
            $"Seen by {f.Title()} {gp.Full.As(E.Person)} on {f.DateText().As(E.DateTime)}.",
            $"{f.Int(19, 92)}-year-old {Background(f)} {f.Pick(["man", "woman"])} presenting with {f.Pick(Complaints)}. {f.Pick(Plans)}",
        };
        if (f.Chance(0.5))
        {
            lines.Add($"Employer requested fit note; NI number {f.UkNino().As(E.UkNino)}.");
        }

        if (f.Chance(0.4))
        {
            lines.Add($"Next of kin: {f.Person("en_GB").Full.As(E.Person)} ({f.Pick(["daughter", "son", "husband", "wife"])}), {f.Phone("GB").As(E.PhoneNumber)}.");
        }

        return string.Join('\n', lines);
    }

    private static string UsNote(PiiFaker f)
    {
        var patient = f.Person(f.Pick(["en", "en", "es_MX", "vi", "en_IND"]));
        var doctor = f.Person("en");
        var lines = new List<string>
        {
            $"Patient Name: {f.FullName(patient).As(E.Person)}",
            $"DOB: {f.BirthDate().As(E.DateTime)}  MRN: {f.Digits(8)}  SSN: {f.Ssn().As(E.UsSsn)}",
            $"Visit date: {f.DateText().As(E.DateTime)}  Provider: {f.Title()} {doctor.Full.As(E.Person)}, DEA {f.DeaNumber(doctor.Last).As(E.MedicalLicense)}",
            $"HPI: {f.Int(19, 92)} y/o {Background(f)} {f.Pick(["male", "female"])} with {f.Pick(Complaints)}. {f.Pick(Plans)}",
        };
        if (f.Chance(0.35))
        {
            lines.Add($"Pt is {f.Religion().As(E.Nrp)}; asked that dietary restrictions be respected during the admission.");
        }

        if (f.Chance(0.5))
        {
            lines.Add($"Home address on file: {f.StreetAddress("US").As(E.StreetAddress)}. Cell {f.Phone("US").As(E.PhoneNumber)}.");
        }

        if (f.Chance(0.3))
        {
            lines.Add($"Uninsured; applied for coverage with ITIN {f.Itin().As(E.UsItin)}.");
        }

        return string.Join('\n', lines);
    }

    private static string Background(PiiFaker f) =>
        (f.Chance(0.5) ? f.Nationality() : f.Ethnicity()).As(E.Nrp);
}
