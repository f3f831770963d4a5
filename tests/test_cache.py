"""The compiled-data cache: built once, reused, rebuilt when a data file changes, never required."""

import pytest

from kg.nlp import cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_value_is_built_once_then_read_back(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"index": ("روسيا",)}

    assert cache.cached("probe", build) == {"index": ("روسيا",)}
    assert cache.cached("probe", build) == {"index": ("روسيا",)}
    assert calls == [1]
    assert [p.name.split("-")[0] for p in cache_dir.iterdir()] == ["probe"]


def test_a_changed_data_file_changes_the_fingerprint(tmp_path, monkeypatch):
    data = tmp_path / "ontology"
    (data / "triggers").mkdir(parents=True)
    trigger_file = data / "triggers" / "ar.yaml"
    trigger_file.write_text("consult: {}\n", encoding="utf-8")
    monkeypatch.setattr(cache, "ontology_dir", lambda: data)
    cache.data_fingerprint.cache_clear()
    before = cache.data_fingerprint()
    trigger_file.write_text("consult: {forms: [محادثات]}\n", encoding="utf-8")
    cache.data_fingerprint.cache_clear()
    try:
        assert cache.data_fingerprint() != before
    finally:
        cache.data_fingerprint.cache_clear()


def test_a_corrupt_cache_file_is_rebuilt(cache_dir):
    cache.cached("probe", lambda: 1)
    [path] = cache_dir.iterdir()
    path.write_bytes(b"not a pickle")
    assert cache.cached("probe", lambda: 2) == 2


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))  # a folder under a file
    assert cache.cached("probe", lambda: 3) == 3


def test_a_pipeline_from_the_cache_extracts_what_a_fresh_one_does(cache_dir):
    from kg.extraction import extract_article
    from kg.nlp import make_nlp
    from kg.records import Article

    article = Article(doc="a.txt", text="وقعت تركيا وقطر اتفاقية للتعاون العسكري. وقال الكرملين إن موسكو مستعدة للحوار مع واشنطن.")
    cold = extract_article(article, make_nlp.__wrapped__("ar"))  # builds and writes the cache
    assert any(cache_dir.iterdir())
    warm = extract_article(article, make_nlp.__wrapped__("ar"))  # reads it back
    assert [a.triple for a in warm] == [a.triple for a in cold] == [
        ("QAT", "military_cooperation", "TUR"),
        ("RUS", "intent_to_cooperate", "USA"),
    ]
