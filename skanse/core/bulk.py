"""Set-based writes the ORM has no public API for."""

from django.db import connections


def insert_from_select(model, columns: list[str], queryset) -> int:
    """Insert into `model`'s table one row per row of `queryset` in a single
    INSERT … SELECT, so that no row passes through Python. `queryset` must be a
    `values_list()` whose fields line up with `columns` (field names of `model`).
    Returns the number of rows inserted."""
    connection = connections[queryset.db]
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {sql}", params)
        return cursor.rowcount
