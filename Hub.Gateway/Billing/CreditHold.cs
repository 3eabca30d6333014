namespace Hub.Gateway.Billing;

/// <summary>What a request may cost, by who pays: the wallet's price and the price budgets count.</summary>
/// <param name="Wallet">The managed price (zero when the organization's own key pays the provider).</param>
/// <param name="Spend">What budgets count: the managed price, or the list price of a BYOK request.</param>
internal sealed record ChargeRates(TokenPrice Wallet, TokenPrice Spend)
{
    public TokenPrice For(CreditAccount account) => account.Budget is null ? Wallet : Spend;
}

/// <summary>Credits set aside for one request in every account it pays from, until it is settled or the hold expires.</summary>
/// <param name="Amounts">The hold in each of <paramref name="Accounts"/>, in order.</param>
/// <param name="GrantedOutputTokens">The output the hold pays for: the request's allowance, or less when the balance was short.</param>
internal sealed record CreditHold(
    string CorrelationId, IReadOnlyList<CreditAccount> Accounts, long[] Amounts, ChargeRates Rates, int PromptTokens, int GrantedOutputTokens)
{
    /// <summary>The cost of the whole hold: what an answer whose usage never became known is charged.</summary>
    public (long Wallet, long Spend) Whole => (Rates.Wallet.CostOf(PromptTokens, GrantedOutputTokens), Rates.Spend.CostOf(PromptTokens, GrantedOutputTokens));
}

/// <summary>Why a hold was refused: the account that could not pay, what it had and what the request needed.</summary>
internal sealed record CreditShortfall(CreditAccount Account, long Available, long Required);
