-- The audit trail (docs/audit.md, Hub.Core/Audit/README.md): one row per gateway request, never the
-- prompt or the answer. Append-only, hash-chained per organization, partitioned so that retention
-- drops whole partitions.

-- Per-organization retention of request events in days; NULL means the configured default
-- (Audit:RetentionDays, 90). The bounds match AuditOptions.MinRetentionDays/MaxRetentionDays.
ALTER TABLE organizations ADD COLUMN audit_retention_days integer CHECK (audit_retention_days BETWEEN 1 AND 3650);

-- Partitioned by retain_until, not by occurred_at: retain_until is fixed when the row is written
-- (occurred_at + the organization's retention then), so the rows of one monthly partition all expire
-- within that month and retention drops a partition once its range has ended, without a DELETE and
-- whatever each organization's retention is. Rows are kept at least until retain_until and at most a
-- month longer. The writer also makes retain_until non-decreasing along each organization's chain
-- (max with the previous row's), so what a drop removes is always a prefix of every chain: a shorter
-- retention takes effect for new rows once the older rows' dates have passed, never by punching holes.
CREATE TABLE audit_events (
    organization_id    uuid NOT NULL,
    seq                bigint NOT NULL CHECK (seq >= 1),
    correlation_id     text NOT NULL,
    occurred_at        timestamptz NOT NULL,
    project_id         uuid,
    key_id             uuid NOT NULL,
    end_user           text,
    model_requested    text,
    model_served       text,
    provider           text,
    entities           jsonb NOT NULL CHECK (jsonb_typeof(entities) = 'array'),
    policy_id          uuid,
    policy_version     integer NOT NULL,
    scan_ms            double precision NOT NULL,
    upstream_ms        double precision,
    status             integer NOT NULL,
    outcome            text NOT NULL,
    error_type         text,
    prompt_tokens      integer,
    completion_tokens  integer,
    cost_micros        bigint,
    fallbacks          text[] NOT NULL,
    prompt_sha256      text,
    recorded_at        timestamptz NOT NULL,
    retain_until       timestamptz NOT NULL,
    prev_hash          bytea NOT NULL CHECK (length(prev_hash) = 32),
    row_hash           bytea NOT NULL CHECK (length(row_hash) = 32)
) PARTITION BY RANGE (retain_until);

-- A unique index on a partitioned table must contain the partition key, which would not make
-- (organization_id, seq) or correlation_id unique across partitions. Uniqueness is therefore kept by
-- the writer (a per-organization advisory lock around read-head-then-insert) and by the two small
-- unpartitioned tables below.
CREATE INDEX audit_events_chain ON audit_events (organization_id, seq);
CREATE INDEX audit_events_project ON audit_events (organization_id, project_id, seq);
CREATE INDEX audit_events_time ON audit_events (organization_id, occurred_at);
CREATE INDEX audit_events_correlation ON audit_events (correlation_id);

-- Every stored correlation id, so a redelivered stream entry is recognised and neither stored twice nor
-- allowed to advance the chain. Retention deletes an id together with its row's partition.
CREATE TABLE audit_correlation_ids (
    correlation_id   text PRIMARY KEY,
    organization_id  uuid NOT NULL,
    seq              bigint NOT NULL,
    retain_until     timestamptz NOT NULL
);

CREATE INDEX audit_correlation_ids_retain_until ON audit_correlation_ids (retain_until);

-- The end of each organization's chain: where the next row links to, and what verification expects
-- the last row to be (so rows cut off the end are detected too). Survives retention, so a chain whose
-- rows have all expired continues from the same hash.
CREATE TABLE audit_chain_heads (
    organization_id    uuid PRIMARY KEY,
    last_seq           bigint NOT NULL,
    last_hash          bytea NOT NULL CHECK (length(last_hash) = 32),
    last_retain_until  timestamptz NOT NULL
);

-- The start of each organization's remaining chain after retention: the seq and row_hash of the last
-- row a partition drop removed, recorded in the same transaction as the drop. Verification starts
-- there (or at seq 1 with 32 zero bytes), so rows removed any other way are still reported.
CREATE TABLE audit_anchors (
    organization_id  uuid PRIMARY KEY,
    seq              bigint NOT NULL,
    row_hash         bytea NOT NULL CHECK (length(row_hash) = 32),
    dropped_at       timestamptz NOT NULL
);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;

-- Row triggers on a partitioned table are cloned to every partition, present and future.
CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Statement triggers are not cloned: audit_ensure_partition adds this one to each partition too, since
-- TRUNCATE can name a partition directly.
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Creates the partition for the month starting at month_start (UTC) unless it exists; true if it
-- created it. Partitions are named audit_events_rYYYY_MM after the month of retain_until they hold.
CREATE FUNCTION audit_ensure_partition(month_start date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    partition_name text := 'audit_events_r' || to_char(month_start, 'YYYY_MM');
BEGIN
    IF month_start <> date_trunc('month', month_start)::date THEN
        RAISE EXCEPTION 'audit partitions start on the first of a month, not %', month_start;
    END IF;
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    -- Two writers may miss the same month at once: the second waits here until the first commits. Its
    -- cached catalog may still say the table is missing, so a duplicate is caught rather than re-checked.
    PERFORM pg_advisory_xact_lock(hashtextextended('hub:audit:partitions', 0));
    BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
            partition_name,
            to_char(month_start, 'YYYY-MM-DD') || ' 00:00:00+00',
            to_char((month_start + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
        RETURN false;
    END;
    EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON %I '
        'FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()', partition_name);
    RETURN true;
END
$$;
