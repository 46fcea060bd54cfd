"""warehouse/views.sql: the analyst views exist, say what they hold, and keep their row grain."""

VIEWS = {
    "canonical_articles",
    "duplicate_clusters",
    "entity_documents",
    "entity_mentions_daily",
    "company_money",
    "quarantine_by_reason",
}


def test_every_view_carries_a_comment(query):
    rows = query("select view_name, comment from duckdb_views() where not internal and schema_name = 'main'")
    comments = {r["view_name"]: r["comment"] for r in rows}
    assert comments.keys() >= VIEWS
    assert all(len(comments[v] or "") > 40 for v in VIEWS)


def test_canonical_articles_hold_one_row_per_cluster_and_count_every_capture(query):
    [totals] = query("select count(*) as n, sum(copies) as captures from canonical_articles")
    [documents] = query("select count(distinct cluster_id) as clusters, count(*) as n from documents")
    assert (totals["n"], totals["captures"]) == (documents["clusters"], documents["n"])


def test_entity_documents_give_one_row_per_entity_and_document(query):
    [grain] = query("select count(*) as n, count(distinct (entity_id, doc_id)) as pairs from entity_documents")
    assert grain["n"] == grain["pairs"] > 0
    copies = query(
        """select count(*) as n from entity_documents e join documents d using (doc_id)
           where not d.is_canonical"""
    )
    assert copies[0]["n"] > 0  # copies inherit their article's entities


def test_entity_mentions_per_day_add_up_to_the_mentions(query):
    [total] = query("select sum(mentions) as n from entity_mentions_daily")
    [mentions] = query("select count(*) as n from mentions")
    assert total["n"] == mentions["n"] > 0


def test_company_money_holds_every_money_figure_of_the_bodies_once(query):
    [view] = query("select count(*) as n, count(distinct (doc_id, start_pos, currency)) as keys from company_money")
    [money] = query("select count(*) as n from figures where kind = 'money' and field = 'body'")
    assert view["n"] == view["keys"] == money["n"] > 0
