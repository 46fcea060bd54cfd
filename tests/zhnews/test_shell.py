"""zhnews.shell (`make sql`): statements split on `;`, read-only, dot commands, piped input."""

import io
import re
import sys

import duckdb
import pytest

from zhnews import shell


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table documents as select 'a.txt' as source_path, 3 as n")
        con.execute("create view big as select * from documents where n > 2")
        con.execute("comment on view big is 'documents with n over 2'")
    return path


def test_statements_end_at_semicolons_and_dot_commands_stand_alone():
    lines = [".tables", "select 1", "  + 1;", "select 2;", "select 3"]
    assert list(shell.statements(lines)) == [".tables", "select 1\n  + 1;", "select 2;", "select 3"]


def test_a_query_prints_its_rows_and_a_write_is_refused(database):
    with duckdb.connect(str(database), read_only=True) as con:
        assert "a.txt" in shell.execute(con, "select source_path from big;")
        refused = shell.execute(con, "delete from documents;")
        assert refused.startswith("error:") and "read-only" in refused
        assert shell.execute(con, "select 1 where false;").count("0 rows") == 1


def test_tables_list_views_with_their_comments(database):
    with duckdb.connect(str(database), read_only=True) as con:
        listed = shell.execute(con, ".tables")
    assert "documents" in listed and "documents with n over 2" in listed


def test_examples_are_listed_by_their_question_and_unknown_ones_are_named(database):
    with duckdb.connect(str(database), read_only=True) as con:
        assert "same_story" in shell.execute(con, ".examples")
        assert "no example 'nope'" in shell.execute(con, ".run nope")
        assert "unknown command .foo" in shell.execute(con, ".foo")


def test_piped_input_runs_every_statement(database, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("select count(*) as c\nfrom documents;\n.quit\nselect 'never';\n"))
    assert shell.main([str(database)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"│\s+c\s+│", out) and re.search(r"│\s+1\s+│", out)
    assert "never" not in out


def test_a_missing_warehouse_says_to_run_first(tmp_path, capsys):
    assert shell.main([str(tmp_path / "none.duckdb")]) == 1
    assert "make run" in capsys.readouterr().err
