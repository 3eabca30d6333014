-- The model catalog the router and budgets read: which provider serves which model under which id,
-- at what price, and each provider's data-handling attributes. Global, not per organization.
-- Hub.Admin seeds it from Hub.Core/Catalog/Seed/catalog.json (CatalogSeeder); later edits are kept.
-- Prices are integer micro-USD per million tokens: money is never floating point.
CREATE TABLE catalog_providers (
    id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    name            text NOT NULL,
    regions         text[] NOT NULL DEFAULT '{}',
    trains_on_data  boolean NOT NULL,
    retention_days  integer NOT NULL CHECK (retention_days >= 0),
    certifications  text[] NOT NULL DEFAULT '{}',
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog_models (
    id           text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,127}$'),
    open_weight  boolean NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog_offers (
    model_id                         text NOT NULL REFERENCES catalog_models(id) ON DELETE CASCADE,
    provider_id                      text NOT NULL REFERENCES catalog_providers(id) ON DELETE CASCADE,
    upstream_model_id                text NOT NULL CHECK (length(upstream_model_id) BETWEEN 1 AND 256),
    input_micros_per_million         bigint NOT NULL CHECK (input_micros_per_million >= 0),
    output_micros_per_million        bigint NOT NULL CHECK (output_micros_per_million >= 0),
    cached_input_micros_per_million  bigint CHECK (cached_input_micros_per_million >= 0),
    context_window                   integer CHECK (context_window > 0),
    max_output_tokens                integer CHECK (max_output_tokens > 0),
    updated_at                       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, provider_id),
    -- A forced route <provider>/<upstream id> must name one offer.
    UNIQUE (provider_id, upstream_model_id)
);

-- Which versions of the seed file have been applied: a seed adds what is missing once, so an
-- operator's deletions are not undone at the next start.
CREATE TABLE catalog_seeds (
    version     text PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE projects ADD COLUMN denied_models text[] NOT NULL DEFAULT '{}';
