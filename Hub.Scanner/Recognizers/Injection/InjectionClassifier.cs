using System.Buffers.Binary;

namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// A logistic regression over hashed words and word pairs (<see cref="InjectionFeatures"/>), trained offline
/// on labelled attacks and benign prompts (<c>dotnet run --project tests/Hub.Scanner.Evaluation -- --train-injection</c>)
/// and shipped as an embedded resource, so it loads without any download. Scoring a text is one table
/// lookup per word and per word pair.
/// </summary>
/// <remarks>
/// The model is one file: the ASCII magic <c>HUBINJ1</c>, the bias (float32, little-endian), the number of
/// non-zero weights (int32) and then (bucket int32, weight float32) pairs.
/// </remarks>
internal sealed class InjectionClassifier
{
    public const string ResourceName = "Hub.Scanner.Recognizers.Injection.Data.injection-classifier.bin";

    private static readonly byte[] Magic = "HUBINJ1"u8.ToArray();

    private readonly float[] weights;
    private readonly float bias;

    public InjectionClassifier(float[] weights, float bias)
    {
        if (weights.Length != InjectionFeatures.Buckets)
        {
            throw new ArgumentException($"Expected {InjectionFeatures.Buckets} weights.", nameof(weights));
        }

        this.weights = weights;
        this.bias = bias;
    }

    /// <summary>The model shipped inside Hub.Scanner.</summary>
    public static InjectionClassifier LoadEmbedded()
    {
        using var stream = typeof(InjectionClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The injection classifier ({ResourceName}) is missing from Hub.Scanner.");
        return Read(stream);
    }

    public static InjectionClassifier Read(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray().AsSpan();
        if (!bytes.StartsWith(Magic))
        {
            throw new InvalidDataException("Not an injection classifier model.");
        }

        var at = Magic.Length;
        var bias = BinaryPrimitives.ReadSingleLittleEndian(bytes[at..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
        at += 8;
        var weights = new float[InjectionFeatures.Buckets];
        for (var i = 0; i < count; i++, at += 8)
        {
            weights[BinaryPrimitives.ReadInt32LittleEndian(bytes[at..])] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(at + 4)..]);
        }

        return new InjectionClassifier(weights, bias);
    }

    public static void Write(Stream stream, float[] weights, float bias)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(bias);
        var nonZero = Enumerable.Range(0, weights.Length).Where(i => weights[i] != 0).ToArray();
        writer.Write(nonZero.Length);
        foreach (var i in nonZero)
        {
            writer.Write(i);
            writer.Write(weights[i]);
        }
    }

    /// <summary>The probability that the text is an attack.</summary>
    public double Probability(NormalizedView view)
    {
        var total = new WeightSum(weights);
        var count = InjectionFeatures.Visit(view, ref total, static (ref WeightSum sum, int bucket) => sum.Value += sum.Weights[bucket]);
        return Sigmoid(bias + (count == 0 ? 0 : total.Value / Math.Sqrt(count)));
    }

    private struct WeightSum(float[] weights)
    {
        public readonly float[] Weights = weights;
        public double Value;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
