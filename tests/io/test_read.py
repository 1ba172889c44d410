from __future__ import annotations

import json
from pathlib import Path

from rasid.doc import Document
from rasid.io.read import ReadError, read_paths

ARTICLE = "غارات على إدلب\nقصفت طائرات حربية مدينة إدلب أمس، ما أدى إلى مقتل خمسة مدنيين.\n"


def _read(*paths: Path, **kw: str) -> list[Document | ReadError]:
    return list(read_paths([str(p) for p in paths], **kw))


def test_txt_utf8_with_headline(tmp_path: Path) -> None:
    f = tmp_path / "a1.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    (doc,) = _read(f, date="2015-07-21")
    assert isinstance(doc, Document)
    assert doc.id == "a1" and doc.title == "غارات على إدلب" and doc.date == "2015-07-21"
    assert doc.raw == ARTICLE


def test_cp1256_is_detected(tmp_path: Path) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes(ARTICLE.encode("cp1256"))
    (doc,) = _read(f)
    assert isinstance(doc, Document) and doc.raw == ARTICLE


def test_bad_inputs_are_reported_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1_empty.txt").write_bytes(b"")
    (tmp_path / "2_binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "3_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "4_lines.jsonl").write_text(
        json.dumps({"id": "j1", "title": "عنوان", "text": ARTICLE, "date": "2015-08-01T10:00:00"}, ensure_ascii=False)
        + "\n" + '{"id": "j2", "text": "قصف عل' + "\n"
        + json.dumps({"id": "j3", "text": ARTICLE}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    items = _read(tmp_path)
    errors = [i for i in items if isinstance(i, ReadError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["3_good", "j1", "j3"]
    assert docs[1].date == "2015-08-01" and docs[1].raw.startswith("عنوان\n")
    reasons = " | ".join(str(e) for e in errors)
    assert "empty" in reasons and "binary" in reasons and "not JSON" in reasons
    assert any(e.line == 2 for e in errors)


def test_html_strips_boilerplate_and_scripts(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>موقع</title><script>alert(1)</script></head><body>"
        "<nav><a href='/'>الرئيسية</a></nav>"
        "<article><h1>قصف على حلب</h1><p>قصفت قوات النظام أحياء حلب الشرقية.</p>"
        "<p>وقتل ثلاثة مدنيين بحسب المرصد.</p></article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>", encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, Document)
    assert doc.title == "قصف على حلب"
    assert "قصفت قوات النظام" in doc.raw and "وقتل ثلاثة" in doc.raw
    assert "alert" not in doc.raw and "الرئيسية" not in doc.raw and "محفوظة" not in doc.raw


def test_big_file(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    body = ARTICLE * (5_000_000 // len(ARTICLE.encode("utf-8")) + 1)
    f.write_text(body, encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, Document) and len(doc.raw) == len(body)


def test_missing_path() -> None:
    (err,) = _read(Path("/nonexistent/x.txt"))
    assert isinstance(err, ReadError) and "no such" in err.reason


def test_folder_metadata_sidecar_dates_articles(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "date": d, "outlet": "x", "title": "عنوان"}) for i, d in
                  (("a1", "2015-07-21"), ("a2", "2015-08-02"))) + "\n", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(
        json.dumps({"doc": "a1", "type": "air_strike", "evidence": "قصفت"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    items = _read(tmp_path)
    assert all(isinstance(i, Document) for i in items)
    assert [(d.id, d.date, d.meta.get("outlet")) for d in items] == [
        ("a1", "2015-07-21", "x"), ("a2", "2015-08-02", "x")]
