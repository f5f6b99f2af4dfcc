"""SQL for a migration that only PostgreSQL understands (a trigram index, planner statistics), run
as RunPython so SQLite, the embedded default, passes it by. Kept here for as long as a migration
names it."""


def on_postgresql(sql):
    """A RunPython function that executes `sql` on PostgreSQL and does nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run
