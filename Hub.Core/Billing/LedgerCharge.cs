namespace Hub.Core.Billing;

/// <summary>
/// What a settled request adds to the wallet ledger. It travels inside the request's audit event
/// (<see cref="Audit.AuditEvent.Charge"/>), so the charge and its audit row are stored in one
/// transaction and a redelivered event charges nothing twice.
/// </summary>
/// <param name="Credits">The wallet's change: minus the charge, 0 for BYOK.</param>
/// <param name="SpendCredits">What budgets count: the charge, or the list price for BYOK.</param>
/// <param name="Billing">See <see cref="BillingModes"/>.</param>
public sealed record LedgerCharge(long Credits, long SpendCredits, string Billing);
