using Microsoft.Extensions.Options;

namespace Hub.Gateway.Billing.Estimation;

/// <summary>
/// How prompt tokens are estimated for models whose tokenizer Hub does not have (<c>Billing:…</c>).
/// Keys are model-id prefixes, matched case-insensitively against the catalog id and the upstream's
/// id (also after its <c>vendor/</c> part and Bedrock's <c>us.anthropic.</c>-style prefixes); the
/// longest match wins. Configured entries are added to the defaults below or replace them.
/// The estimate decides how much money a request holds, so every default leans high: an estimate
/// slightly above the upstream's count holds a little more for a moment, one below lets a request
/// spend money the wallet did not hold. See docs/token-estimation.md for the sources.
/// </summary>
internal sealed class PromptEstimationOptions
{
    public const string SectionName = "Billing";

    /// <summary>
    /// <c>Billing:TokenFactors:&lt;prefix&gt;</c>: the family's tokens per o200k_base token. OpenAI
    /// models are counted with their own encoding (factor 1 unless configured here).
    /// </summary>
    public Dictionary<string, double> TokenFactors { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Claude 3 through Opus 4.6: 16 % (English) to 30 % (code) more than GPT-4o's o200k for the same text.
        ["claude"] = 1.30,

        // Opus 4.7's tokenizer: a further 1.0–1.35× on the one before (Anthropic's migration notes).
        ["claude-opus-4-7"] = 1.75,
        ["claude-opus-4.7"] = 1.75,

        // Gemini and Gemma: SentencePiece, 256k vocabulary; close to o200k in English, more in code.
        ["gemini"] = 1.15,
        ["gemma"] = 1.15,

        // Llama 3 and 4: tiktoken-style BPE (128k / 200k); Llama 2: SentencePiece with 32k pieces.
        ["llama"] = 1.15,
        ["llama-2"] = 1.40,
        ["llama2"] = 1.40,

        // Mistral: 32k SentencePiece (Mixtral, 7B, Large 2, Codestral 22B) unless the family is known to use
        // Tekken (131k, tiktoken-style: Small 3, NeMo, Ministral, Pixtral, Magistral, Devstral).
        ["mistral"] = 1.40,
        ["open-mistral"] = 1.40,
        ["mixtral"] = 1.40,
        ["open-mixtral"] = 1.40,
        ["codestral"] = 1.40,
        ["mistral-small"] = 1.15,
        ["mistral-nemo"] = 1.15,
        ["open-mistral-nemo"] = 1.15,
        ["ministral"] = 1.15,
        ["pixtral"] = 1.15,
        ["magistral"] = 1.15,
        ["devstral"] = 1.15,

        // DeepSeek V3/R1: 128k BPE; DeepSeek documents about 0.3 tokens per English character (o200k: about 0.25).
        ["deepseek"] = 1.20,

        // Qwen 2/3: 151k BPE built on cl100k's merges.
        ["qwen"] = 1.15,

        // xAI Grok, Moonshot Kimi, Cohere Command: BPE with 100k–160k vocabularies.
        ["grok"] = 1.15,
        ["kimi"] = 1.15,
        ["command"] = 1.20,

        // gpt-oss: o200k_harmony, o200k plus special tokens.
        ["gpt-oss"] = 1.00,
    };

    /// <summary>Factor for a model no prefix matches (counted with o200k_base). Default 1.25.</summary>
    public double DefaultTokenFactor { get; set; } = 1.25;

    /// <summary>
    /// <c>Billing:ImageTokens:&lt;prefix&gt;</c>: prompt tokens held per image part. The image is not
    /// fetched or measured: the allowance is the most a model bills for one image at its default detail.
    /// </summary>
    public Dictionary<string, int> ImageTokens { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Claude: about width × height / 750, images beyond 1.15 megapixels downscaled: at most ~1,600.
        ["claude"] = 1600,

        // Models that bill images in multiplied tokens (OpenAI's vision pricing): 6 tiles at 2,833 + 5,667 each,
        // or 1,536 patches × the model's multiplier.
        ["gpt-4o-mini"] = 36_835,
        ["gpt-4.1-mini"] = 2489,
        ["gpt-4.1-nano"] = 3779,
        ["gpt-5-mini"] = 2489,
        ["gpt-5-nano"] = 3779,
        ["o4-mini"] = 2642,
    };

    /// <summary>
    /// Tokens per image part where no prefix matches. Default 1,105: GPT-4o at high detail for the
    /// largest tiling (6 tiles of 512 px at 170 + 85 base); a typical 1024 × 1024 image is 765.
    /// </summary>
    public int DefaultImageTokens { get; set; } = 1105;
}

/// <summary>Factors outside (0.5, 5] or negative allowances would hold far too little or absurdly much: refused at start.</summary>
internal sealed class PromptEstimationOptionsValidator : IValidateOptions<PromptEstimationOptions>
{
    private const double MinFactor = 0.5;
    private const double MaxFactor = 5;
    private const int MaxImageTokens = 1_000_000;

    public ValidateOptionsResult Validate(string? name, PromptEstimationOptions options)
    {
        var errors = new ValidateOptionsResultBuilder();
        CheckFactor(errors, "DefaultTokenFactor", options.DefaultTokenFactor);
        foreach (var (prefix, factor) in options.TokenFactors)
        {
            CheckPrefix(errors, "TokenFactors", prefix);
            CheckFactor(errors, $"TokenFactors:{prefix}", factor);
        }

        CheckImageTokens(errors, "DefaultImageTokens", options.DefaultImageTokens);
        foreach (var (prefix, tokens) in options.ImageTokens)
        {
            CheckPrefix(errors, "ImageTokens", prefix);
            CheckImageTokens(errors, $"ImageTokens:{prefix}", tokens);
        }

        return errors.Build();
    }

    private static void CheckPrefix(ValidateOptionsResultBuilder errors, string setting, string prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            errors.AddError($"{PromptEstimationOptions.SectionName}:{setting} has an empty model prefix.");
        }
    }

    private static void CheckFactor(ValidateOptionsResultBuilder errors, string setting, double factor)
    {
        if (!(factor > MinFactor && factor <= MaxFactor))
        {
            errors.AddError($"{PromptEstimationOptions.SectionName}:{setting} must be above {MinFactor} and at most {MaxFactor}; it is {factor}.");
        }
    }

    private static void CheckImageTokens(ValidateOptionsResultBuilder errors, string setting, int tokens)
    {
        if (tokens is < 0 or > MaxImageTokens)
        {
            errors.AddError($"{PromptEstimationOptions.SectionName}:{setting} must be between 0 and {MaxImageTokens}; it is {tokens}.");
        }
    }
}
