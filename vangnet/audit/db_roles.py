"""Least privilege on PostgreSQL: an owner role that runs the migrations and an
application role that serves requests.

The application role gets normal DML on every table (also on tables future
migrations create, through ALTER DEFAULT PRIVILEGES), but on the access log
only SELECT and INSERT: it cannot UPDATE, DELETE, TRUNCATE, DROP or lift the
triggers (that needs the owner). It may UPDATE the one-row chain head, which
every log write moves. ``manage.py create_db_roles`` prints (or runs) this SQL;
it is idempotent, so run it again after each ``migrate``.

Rows older than the access log's term (issue 16) are removed through the
SECURITY DEFINER function ``audit_accesslog_prune`` (migration 0007, owned by
the owner): the application role may EXECUTE it but still has no DELETE on the
log, and no UPDATE or DELETE on the checkpoints."""

import re

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
LOG_TABLE = "audit_accesslog"
HEAD_TABLE = "audit_accesslogchainhead"
CHECKPOINT_TABLE = "audit_accesslogcheckpoint"
# The SECURITY DEFINER function (migration 0007) through which old rows leave the log.
PRUNE_FUNCTION = "audit_accesslog_prune(bigint)"


# Generic, so migration 0006 can run it without knowing the role names: no
# role but the table's owner keeps a privilege that changes rows of the log
# (a fresh install's default privileges would otherwise grant them). No
# %-formatting: the migration runs it through a cursor with parameters.
def _revoke_writes(table: str) -> str:
    return f"""
DO $$
DECLARE r record;
BEGIN
  IF to_regclass('{table}') IS NULL THEN RETURN; END IF;
  FOR r IN
    SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
    WHERE c.oid = to_regclass('{table}') AND a.grantee <> c.relowner
      AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
  LOOP
    EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON {table} FROM '
            || CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END;
  END LOOP;
END $$;
"""


REVOKE_LOG_WRITES = _revoke_writes(LOG_TABLE)
# The checkpoints of the access log's term (issue 16, migration 0007) are append-only too.
REVOKE_CHECKPOINT_WRITES = _revoke_writes(CHECKPOINT_TABLE)


def _check(name: str) -> str:
    if not ROLE_NAME.match(name):
        raise ValueError(f"Ongeldige rolnaam {name!r}: alleen kleine letters, cijfers en _.")
    return f'"{name}"'


def role_statements(
    database: str, owner: str = "vangnet_owner", app: str = "vangnet_app", schema: str = "public"
) -> list[str]:
    """The SQL, run as a superuser on the application's database."""
    o, a, s = _check(owner), _check(app), _check(schema)
    db = '"' + database.replace('"', '""') + '"'
    lit = {"owner": owner, "app": app, "schema": schema}
    return [
        f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{lit["owner"]}') THEN CREATE ROLE {o} LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{lit["app"]}') THEN CREATE ROLE {a} LOGIN; END IF;
END $$;""",
        f"ALTER ROLE {o} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;",
        f"ALTER ROLE {a} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;",
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC;",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {o}, {a};",
        f"GRANT USAGE, CREATE ON SCHEMA {s} TO {o};",
        f"GRANT USAGE ON SCHEMA {s} TO {a};",
        # An existing installation (tables made by postgres) is handed to the owner.
        f"""DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
           WHERE c.relnamespace = '{lit["schema"]}'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
             AND c.relowner <> '{lit["owner"]}'::regrole
  LOOP EXECUTE 'ALTER TABLE ' || r.rel::text || ' OWNER TO {o}'; END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
           WHERE p.pronamespace = '{lit["schema"]}'::regnamespace AND p.proowner <> '{lit["owner"]}'::regrole
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP EXECUTE 'ALTER FUNCTION ' || r.fn::text || ' OWNER TO {o}'; END LOOP;
END $$;""",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {a};",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {a};",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {a};",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {a};",
        REVOKE_LOG_WRITES.strip(),
        REVOKE_CHECKPOINT_WRITES.strip(),
        # Rows older than the term leave the log only through the owner's function (issue 16).
        f"""DO $$ BEGIN
  IF to_regprocedure('{PRUNE_FUNCTION}') IS NOT NULL THEN
    REVOKE ALL ON FUNCTION {PRUNE_FUNCTION} FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION {PRUNE_FUNCTION} TO {a};
  END IF;
END $$;""",
        f"""DO $$ BEGIN
  IF to_regclass('{HEAD_TABLE}') IS NOT NULL THEN
    REVOKE DELETE, TRUNCATE, TRIGGER, REFERENCES ON {HEAD_TABLE} FROM {a};
  END IF;
END $$;""",
    ]
