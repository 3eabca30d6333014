-- Wallets and budgets (docs/billing.md, Hub.Core/Billing/README.md). Money is integer credits:
-- 1 USD = 1,000,000 credits.

-- The wallet ledger: every top-up and every charge, append-only. An organization's balance is the
-- sum of its credits; a budget's spend in a period is the sum of spend_credits of the matching rows.
-- Redis holds the live figures on the hot path and rebuilds them from here when it has lost them.
CREATE TABLE wallet_ledger (
    seq                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id    uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind               text NOT NULL CHECK (kind IN ('topup', 'charge', 'adjustment')),
    -- The change to the balance: positive for a top-up, negative (or 0 for BYOK) for a charge.
    credits            bigint NOT NULL,
    -- What budgets count: the charge for managed requests, the list price for BYOK ones.
    spend_credits      bigint NOT NULL DEFAULT 0 CHECK (spend_credits >= 0),
    occurred_at        timestamptz NOT NULL,
    correlation_id     text,
    project_id         uuid,
    key_id             uuid,
    end_user           text,
    model              text,
    provider           text,
    billing            text CHECK (billing IN ('managed', 'byok')),
    prompt_tokens      integer,
    completion_tokens  integer,
    note               text CHECK (length(note) <= 500),
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'charge') = (correlation_id IS NOT NULL)),
    CHECK (kind <> 'topup' OR credits > 0)
);

-- A settlement is recorded once per request, however often its event is delivered.
CREATE UNIQUE INDEX wallet_ledger_charge ON wallet_ledger (organization_id, correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX wallet_ledger_time ON wallet_ledger (organization_id, occurred_at);
CREATE INDEX wallet_ledger_seq ON wallet_ledger (organization_id, seq);

CREATE FUNCTION wallet_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'wallet_ledger is append-only';
END;
$$;

CREATE TRIGGER wallet_ledger_no_update BEFORE UPDATE ON wallet_ledger
    FOR EACH ROW EXECUTE FUNCTION wallet_ledger_append_only();

-- Spending caps. scope_id is the organization, project or key id, or the end-user id; '*' on a user
-- budget caps every end user separately. Periods are calendar periods in the configured time zone
-- (Billing:TimeZone); 'total' never resets.
CREATE TABLE budgets (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    scope             text NOT NULL CHECK (scope IN ('organization', 'project', 'key', 'user')),
    scope_id          text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 256),
    period            text NOT NULL CHECK (period IN ('daily', 'weekly', 'monthly', 'total')),
    amount_credits    bigint NOT NULL CHECK (amount_credits > 0),
    -- Percentages of the amount at which an alert fires, once per period each.
    alert_thresholds  integer[] NOT NULL DEFAULT '{50,80,100}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, scope, scope_id, period)
);
