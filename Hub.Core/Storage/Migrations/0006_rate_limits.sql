-- Rate limits per project and per key (docs/rate-limits.md). NULL means "no override": the gateway's
-- configured default applies (RateLimits:Project:* or RateLimits:Key:*), and an unset default means
-- unlimited. The columns ride on the rows the gateway already caches (a project's rules, a key), so
-- the hot path reads them with no extra query.
ALTER TABLE projects
    ADD COLUMN requests_per_minute integer CHECK (requests_per_minute > 0),
    ADD COLUMN tokens_per_minute   integer CHECK (tokens_per_minute > 0);

ALTER TABLE api_keys
    ADD COLUMN requests_per_minute integer CHECK (requests_per_minute > 0),
    ADD COLUMN tokens_per_minute   integer CHECK (tokens_per_minute > 0),
    -- Limits govern gateway traffic only: an admin token has none.
    ADD CONSTRAINT api_keys_limits_gateway_only CHECK (kind <> 'admin' OR (requests_per_minute IS NULL AND tokens_per_minute IS NULL));
