-- Organizations own projects; keys are stored only as SHA-256 hashes (see Hub.Core/Keys/ApiKeyFormat.cs).
CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    classification     text NOT NULL DEFAULT 'internal',
    allowed_providers  text[] NOT NULL DEFAULT '{}',
    denied_providers   text[] NOT NULL DEFAULT '{}',
    allowed_models     text[] NOT NULL DEFAULT '{}',
    region             text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

CREATE TABLE api_keys (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    project_id       uuid REFERENCES projects(id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('project', 'account', 'admin')),
    key_hash         bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    display_prefix   text NOT NULL,
    label            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz,
    revoked_at       timestamptz,
    CHECK ((kind = 'project') = (project_id IS NOT NULL))
);

CREATE INDEX api_keys_organization ON api_keys (organization_id);
