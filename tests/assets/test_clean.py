"""assets.clean: one document the cleaning stage fails on refuses only itself, with a one-line reason."""

import zhnews.clean


def test_a_failing_document_is_refused_alone_with_a_one_line_reason(pipeline, monkeypatch):
    clean_document = zhnews.clean.clean_document

    def failing(doc):  # our own stage function failing on one document
        if doc.source_path.startswith("002"):
            raise ValueError("broken\nrule " + "x" * 500)
        return clean_document(doc)

    monkeypatch.setattr(zhnews.clean, "clean_document", failing)
    monkeypatch.setenv("ZHNEWS_WORKERS", "1")  # the patch lives in this process only
    pipeline.run("key:raw_documents or key:cleaned_documents")
    paths = [p for (p,) in pipeline.query("select source_path from cleaned_documents order by 1")]
    assert len(paths) == 4 and not any(p.startswith("002") for p in paths)
    [(path, stage, reason)] = pipeline.query("select source_path, stage, reason from quarantine")
    assert (path[:3], stage) == ("002", "clean")
    assert reason.startswith("cleaning failed (ValueError: broken rule xxx")
    assert "\n" not in reason and len(reason) <= 200
