namespace Hub.Core.Billing;

/// <summary>Who paid the provider for a request.</summary>
public static class BillingModes
{
    /// <summary>Hub's provider keys; the organization's wallet is charged the list price plus markup.</summary>
    public const string Managed = "managed";

    /// <summary>The organization's own provider key: the wallet pays nothing, budgets still count the list price.</summary>
    public const string Byok = "byok";
}
