-- Versioned DLP policies (see Hub.Core/Policies/README.md). Saving adds a version and deactivates the
-- previous one; no version is ever changed or deleted otherwise.

-- Lets a version reference its project and organization together, so that a row can never pair a
-- project with another tenant's organization id.
ALTER TABLE projects ADD CONSTRAINT projects_id_organization UNIQUE (id, organization_id);

CREATE TABLE policy_versions (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL,
    project_id       uuid NOT NULL,
    version          integer NOT NULL CHECK (version >= 1),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    document         jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
    created_by       text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at       timestamptz NOT NULL,
    active           boolean NOT NULL,
    restored_from    integer CHECK (restored_from BETWEEN 1 AND version - 1),
    UNIQUE (project_id, version),
    FOREIGN KEY (project_id, organization_id) REFERENCES projects (id, organization_id) ON DELETE CASCADE
);

-- At most one version in force per project; also the gateway's lookup (project_id, active).
CREATE UNIQUE INDEX policy_versions_one_active ON policy_versions (project_id) WHERE active;

-- Versions are history: the only change allowed is deactivating the active one, and a row goes only
-- when its project does (the ON DELETE CASCADE above runs after the project row is gone, so the check
-- below lets exactly that through while refusing a direct DELETE). TRUNCATE is not guarded: it needs
-- the table owner, who could drop the trigger anyway.
CREATE FUNCTION policy_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.active AND NOT NEW.active
           AND (NEW.id, NEW.organization_id, NEW.project_id, NEW.version, NEW.name, NEW.document,
                NEW.created_by, NEW.created_at, NEW.restored_from)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.organization_id, OLD.project_id, OLD.version, OLD.name, OLD.document,
                OLD.created_by, OLD.created_at, OLD.restored_from) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'policy version % of project % is immutable; only deactivating the active version is allowed',
            OLD.version, OLD.project_id USING ERRCODE = 'restrict_violation';
    END IF;

    IF EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id) THEN
        RAISE EXCEPTION 'policy version % of project % cannot be deleted; it goes only with its project',
            OLD.version, OLD.project_id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER policy_versions_immutable
    BEFORE UPDATE OR DELETE ON policy_versions
    FOR EACH ROW EXECUTE FUNCTION policy_versions_immutable();
