"""zhnews.warehouse: what is pending for a stage."""

import duckdb

from zhnews.warehouse import apply_ddl, mark_done, pending_ids


def test_pending_ids_are_the_candidates_the_stage_has_not_done_in_order():
    con = duckdb.connect()
    apply_ddl(con, "core")
    con.execute("create table items as select printf('d%02d', 9 - range) as doc_id from range(10)")
    mark_done(con, ["d00", "d05"], "stage")
    mark_done(con, ["d01"], "another stage")
    assert pending_ids(con, "stage", "select doc_id from items") == [f"d{i:02d}" for i in range(10) if i not in (0, 5)]
