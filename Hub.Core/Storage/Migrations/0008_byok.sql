-- Organizations' own provider keys (docs/byok.md, Hub.Core/Byok/README.md). Envelope encryption:
-- each organization has one data key, stored only wrapped (AES-256-GCM) by the master key from
-- configuration (Hub:Secrets:MasterKey, never in the database); provider keys are sealed with the
-- data key. Rotating the master key re-wraps the small rows here and touches no provider key.
CREATE TABLE secret_data_keys (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL UNIQUE REFERENCES organizations(id) ON DELETE CASCADE,
    -- Which master key wrapped it: 16 hex characters of an HMAC under that key, not the key.
    master_key_id    text NOT NULL CHECK (master_key_id ~ '^[0-9a-f]{16}$'),
    nonce            bytea NOT NULL CHECK (length(nonce) = 12),
    wrapped_key      bytea NOT NULL CHECK (length(wrapped_key) = 32),
    tag              bytea NOT NULL CHECK (length(tag) = 16),
    created_at       timestamptz NOT NULL DEFAULT now(),
    rewrapped_at     timestamptz
);

CREATE INDEX secret_data_keys_master ON secret_data_keys (master_key_id);

-- One key per organization (project_id NULL) or project, and provider. The sealed credentials'
-- associated data names the organization, project and provider: moved to another row, they do not open.
CREATE TABLE byok_keys (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    project_id       uuid REFERENCES projects(id) ON DELETE CASCADE,
    provider         text NOT NULL CHECK (provider ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    label            text CHECK (length(label) <= 100),
    last4            text NOT NULL CHECK (length(last4) <= 4),
    data_key_id      uuid NOT NULL REFERENCES secret_data_keys(id),
    nonce            bytea NOT NULL CHECK (length(nonce) = 12),
    ciphertext       bytea NOT NULL CHECK (length(ciphertext) BETWEEN 1 AND 8192),
    tag              bytea NOT NULL CHECK (length(tag) = 16),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at     timestamptz
);

CREATE UNIQUE INDEX byok_keys_place ON byok_keys (organization_id, coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid), provider);

-- The router prefers the organization's own keys over Hub's even when they cost more (they tie-break anyway).
ALTER TABLE projects ADD COLUMN prefer_byok boolean NOT NULL DEFAULT false;

-- Which mode paid the provider: 'managed' (Hub's key, wallet charged) or 'byok' (the organization's
-- key, wallet untouched). NULL when no provider was chosen. Rows with a value hash as
-- hub-audit-row-v2 (v1 plus this field); rows without as v1, so older rows still verify.
ALTER TABLE audit_events ADD COLUMN billing text CHECK (billing IN ('managed', 'byok'));
