-- Budget alerts (docs/budget-alerts.md, Hub.Admin/Alerts/README.md): each threshold crossing of a
-- budget, recorded once however often the gateways report it; the signed webhook an organization may
-- configure; and the outbox of webhook deliveries, so that an Admin restart loses none.

-- One row per (budget, subject, period, threshold): the gateways report a crossing at least once, and
-- again after a Redis rebuild, so the unique key below is what makes each threshold fire once per period.
CREATE TABLE budget_alerts (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    budget_id        uuid NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
    scope            text NOT NULL CHECK (scope IN ('organization', 'project', 'key', 'user')),
    scope_id         text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 256),
    -- The end user for a per-user budget whose scope_id is '*'; else scope_id.
    subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 256),
    period           text NOT NULL CHECK (period IN ('daily', 'weekly', 'monthly', 'total')),
    period_start     timestamptz NOT NULL,
    -- Percent of amount_credits.
    threshold        integer NOT NULL CHECK (threshold BETWEEN 1 AND 10000),
    spent_credits    bigint NOT NULL CHECK (spent_credits >= 0),
    amount_credits   bigint NOT NULL CHECK (amount_credits > 0),
    occurred_at      timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL,
    -- alert_<budget>_<period start>_<threshold>[_<subject hash>]: the audit correlation id and the
    -- webhook's x-hub-event-id (BudgetAlertEventId).
    event_id         text NOT NULL UNIQUE CHECK (length(event_id) <= 200),
    -- When the audit event went to the audit stream; while null, every redelivery sends it again
    -- (the audit writer ignores a correlation id it already has).
    audit_queued_at  timestamptz,
    UNIQUE (budget_id, subject, period_start, threshold)
);

CREATE INDEX budget_alerts_time ON budget_alerts (organization_id, occurred_at);

-- At most one budget-alert webhook per organization. The secret is the HMAC-SHA256 key that signs
-- each delivery; it is kept in clear because signing needs it (it proves a call came from Hub and
-- grants nothing in Hub, unlike keys and tokens, which are stored hashed). It is shown once, when set.
CREATE TABLE budget_alert_webhooks (
    organization_id  uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    url              text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    secret           text NOT NULL CHECK (length(secret) BETWEEN 32 AND 256),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- The delivery of an alert to its organization's webhook: written in the alert's own transaction
-- (the outbox), then attempted by any Admin instance. A delivery goes to the webhook as configured
-- when each attempt is made; deleting the webhook cancels the pending ones.
CREATE TABLE budget_alert_deliveries (
    alert_id         uuid PRIMARY KEY REFERENCES budget_alerts(id) ON DELETE CASCADE,
    state            text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- While pending: when the next attempt is due. An instance that takes an attempt moves it to the
    -- end of the attempt's lease first, so the delivery comes due again if that instance dies.
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    -- The receiver's HTTP status, null when there was no answer (timeout, network error).
    last_status      integer,
    last_error       text CHECK (length(last_error) <= 200),
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL))
);

CREATE INDEX budget_alert_deliveries_due ON budget_alert_deliveries (next_attempt_at) WHERE state = 'pending';
