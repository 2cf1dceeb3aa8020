import type { Migration } from '@baken/event-store';

export const accessMigrations: readonly Migration[] = [
  {
    id: 'access/001-sessions',
    sql: `
      CREATE TABLE IF NOT EXISTS access_sessions (
        session_hash text PRIMARY KEY,
        mode text NOT NULL CHECK (mode IN ('demo', 'oidc')),
        username text NOT NULL,
        actor jsonb NOT NULL,
        csrf_token text NOT NULL,
        tokens jsonb,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS access_sessions_expiry ON access_sessions (expires_at);
      CREATE TABLE IF NOT EXISTS access_login_requests (
        request_hash text PRIMARY KEY,
        state text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL
      );`,
  },
  {
    id: 'access/002-access-log',
    sql: `
      CREATE TABLE IF NOT EXISTS access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        username text NOT NULL,
        role text NOT NULL,
        organisation text,
        case_id uuid,
        action text NOT NULL,
        reason text,
        detail text
      );
      CREATE INDEX IF NOT EXISTS access_log_case ON access_log (case_id, at);
      CREATE INDEX IF NOT EXISTS access_log_user ON access_log (username, at);
      CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at);
      CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();`,
  },
  {
    id: 'access/003-known-users',
    sql: `
      CREATE TABLE IF NOT EXISTS access_known_users (
        username text PRIMARY KEY,
        actor jsonb NOT NULL,
        last_seen_at timestamptz NOT NULL
      );`,
  },
  {
    id: 'access/004-access-log-privacy',
    // Reasons are sealed with the case's narrative key (the column keeps its text type: sealed JSON); a redaction
    // restates them beside the append-only log. `subjects_revealed`: whose personal data the read showed.
    sql: `
      ALTER TABLE access_log ADD COLUMN IF NOT EXISTS subjects_revealed uuid[];
      ALTER TABLE access_log ADD COLUMN IF NOT EXISTS reference text;
      CREATE INDEX IF NOT EXISTS access_log_reference ON access_log (reference, at);
      -- Rows written before the log kept the case's reference get it once, by the table's owner.
      DO $$ BEGIN
        IF to_regclass('case_list') IS NOT NULL THEN
          ALTER TABLE access_log DISABLE TRIGGER access_log_append_only;
          UPDATE access_log l SET reference = c.reference FROM case_list c WHERE c.case_id = l.case_id AND l.reference IS NULL;
          ALTER TABLE access_log ENABLE TRIGGER access_log_append_only;
        END IF;
      END $$;
      CREATE INDEX IF NOT EXISTS access_log_subjects ON access_log USING gin (subjects_revealed);
      CREATE TABLE IF NOT EXISTS access_log_restated_reasons (
        entry_id bigint PRIMARY KEY,
        reason text NOT NULL
      );`,
  },
  {
    id: 'access/005-revoked-tokens',
    // Demo tokens revoked at logout, until they would have expired: checked on every request, by every process.
    sql: `
      CREATE TABLE IF NOT EXISTS access_revoked_tokens (
        token_id text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS access_revoked_tokens_expiry ON access_revoked_tokens (expires_at);`,
  },
];
