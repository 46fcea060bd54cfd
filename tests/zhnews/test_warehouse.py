"""zhnews.warehouse: what is pending for a stage."""

import duckdb
import pandas as pd
import pytest

from zhnews.warehouse import apply_ddl, insert_frame, mark_done, pending_ids


def test_pending_ids_are_the_candidates_the_stage_has_not_done_in_order():
    con = duckdb.connect()
    apply_ddl(con, "core")
    con.execute("create table items as select printf('d%02d', 9 - range) as doc_id from range(10)")
    mark_done(con, ["d00", "d05"], "stage")
    mark_done(con, ["d01"], "another stage")
    assert pending_ids(con, "stage", "select doc_id from items") == [f"d{i:02d}" for i in range(10) if i not in (0, 5)]


@pytest.mark.parametrize("empty_first", [1, 2_500])
def test_a_list_column_whose_first_values_are_empty_keeps_every_list(empty_first):
    """A frame's object columns are typed from the frame, not from its first rows: a byline list that is empty in
    the first documents of a batch must not make the later ones' lists fail or vanish."""
    con = duckdb.connect()
    con.execute("create table t (id varchar, names varchar[])")
    names = [[] for _ in range(empty_first)] + [["张三", "李四"]] * 500 + [[]]
    insert_frame(con, "t", pd.DataFrame({"id": [str(i) for i in range(len(names))], "names": names}))
    rows = con.execute("select count(*), sum(len(names)), count(*) filter (where names is null) from t").fetchone()
    assert rows == (len(names), 1_000, 0)
