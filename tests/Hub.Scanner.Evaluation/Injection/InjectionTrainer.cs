using Hub.Scanner.Recognizers.Injection;

namespace Hub.Scanner.Evaluation.Injection;

/// <summary>
/// Trains the classifier that ships in Hub.Scanner (<c>--train-injection</c>): a logistic regression over
/// <see cref="InjectionFeatures"/>, fitted by stochastic gradient descent with L2 regularisation and balanced
/// class weights, on the development parts only — four fifths of <c>../shared/data/injection/train.jsonl</c> and
/// of our hard cases — plus ordinary work (the generated DLP texts) as benign. Deterministic: the same data
/// gives the same file, byte for byte.
/// </summary>
internal static class InjectionTrainer
{
    private const int Epochs = 40;
    private const double LearningRate = 0.5;
    private const double L2 = 2e-4;
    private const float PruneBelow = 1e-3f;
    private const int Seed = 20261123;

    public static void Train(IReadOnlyList<InjectionExample> examples, string modelPath, TextWriter output)
    {
        var lexicon = new CueLexicon(InjectionSignatures.WordSets);
        var rows = examples.Select(example => (Features: Featurize(NormalizedView.Build(example.Text, lexicon)), Label: example.IsAttack ? 1.0 : 0.0)).ToArray();
        var attacks = rows.Count(row => row.Label > 0);
        var positiveWeight = (double)(rows.Length - attacks) / Math.Max(1, attacks);

        var weights = new double[InjectionFeatures.Buckets];
        var bias = 0.0;
        var random = new Random(Seed);
        var order = Enumerable.Range(0, rows.Length).ToArray();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + epoch * 0.1);
            foreach (var index in order)
            {
                var (features, label) = rows[index];
                var z = bias;
                foreach (var (bucket, value) in features)
                {
                    z += weights[bucket] * value;
                }

                var gradient = (InjectionClassifier.Sigmoid(z) - label) * (label > 0 ? positiveWeight : 1.0);
                bias -= rate * gradient;
                foreach (var (bucket, value) in features)
                {
                    weights[bucket] -= rate * ((gradient * value) + (L2 * weights[bucket]));
                }
            }
        }

        var pruned = weights.Select(weight => Math.Abs(weight) < PruneBelow ? 0f : (float)weight).ToArray();
        using (var file = File.Create(modelPath))
        {
            InjectionClassifier.Write(file, pruned, (float)bias);
        }

        output.WriteLine($"Trained on {rows.Length} texts ({attacks} attacks), {Epochs} epochs: {pruned.Count(weight => weight != 0)} non-zero weights, bias {bias:0.000}.");
        output.WriteLine($"Wrote {modelPath} ({new FileInfo(modelPath).Length:N0} bytes).");
    }

    /// <summary>Each bucket once with its count, scaled by 1/√(number of features) as the classifier does.</summary>
    private static (int Bucket, double Value)[] Featurize(NormalizedView view)
    {
        var counts = new Dictionary<int, int>();
        var total = InjectionFeatures.Visit(view, ref counts, static (ref Dictionary<int, int> tally, int bucket) =>
            tally[bucket] = tally.GetValueOrDefault(bucket) + 1);
        var scale = total == 0 ? 0 : 1 / Math.Sqrt(total);
        return [.. counts.Select(pair => (pair.Key, pair.Value * scale))];
    }
}
