"""assets.clean: one document the cleaning stage fails on refuses only itself, with a one-line reason."""

import zhnews.clean
from assets.clean import clean_safely
from zhnews.records import RawDocument


def raw(doc_id: str, text: str) -> RawDocument:
    return RawDocument(doc_id, f"{doc_id}.txt", "0" * 16, "txt", "utf-8", text)


def test_a_failing_document_is_refused_alone_with_a_one_line_reason(monkeypatch):
    clean_document = zhnews.clean.clean_document

    def failing(doc):  # our own stage function failing on one document
        if doc.doc_id == "bad":
            raise ValueError("broken\nrule " + "x" * 500)
        return clean_document(doc)

    monkeypatch.setattr(zhnews.clean, "clean_document", failing)
    cleaned, refused = clean_safely([raw("a", "第一篇正文。"), raw("bad", "坏的。"), raw("b", "第二篇正文。")])
    assert [c.doc_id for c in cleaned] == ["a", "b"]
    [refusal] = refused
    assert (refusal.source_path, refusal.stage) == ("bad.txt", "clean")
    assert refusal.reason.startswith("cleaning failed (ValueError: broken rule xxx")
    assert "\n" not in refusal.reason and len(refusal.reason) <= 200


def test_a_batch_that_cleans_refuses_nothing():
    cleaned, refused = clean_safely([raw("a", "第一篇正文。")])
    assert [c.body for c in cleaned] == ["第一篇正文。"] and refused == []
