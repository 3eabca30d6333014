namespace Hub.Scanner.Tests.Recognizers.Dates;

public sealed class ProbeTests
{
    [Fact]
    public void Probe_File_Writes()
    {
        if (!File.Exists("/tmp/probe.txt"))
        {
            return;
        }

        var lines = File.ReadAllLines("/tmp/probe.txt");
        var output = new List<string>();
        foreach (var line in lines)
        {
            var text = line.Replace("\\n", "\n", StringComparison.Ordinal);
            output.Add("> " + line);
            foreach (var f in ScannerTestKit.Findings(text))
            {
                output.Add($"   {f.Entity} {f.Score:0.00} [{text[f.Start..f.End]}]");
            }
        }

        File.WriteAllLines("/tmp/probe.out", output);
    }
}
