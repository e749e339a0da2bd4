from pathlib import Path

import pytest

from graph.ingest import (
    InputError,
    article_facts,
    article_from_bytes,
    byline_names,
    byline_outlet,
    expand_paths,
    parse_article,
    read_file,
    read_jsonl,
    split_title,
)


def test_split_title_reads_outlet_suffix():
    assert split_title("Rates Rise Again - The Daily Ledger | News for All") == ("Rates Rise Again", "The Daily Ledger")
    assert split_title("A headline without an outlet") == ("A headline without an outlet", None)


def test_byline_names():
    assert byline_names("By Ann Lee and Bo Chen") == ("Ann Lee", "Bo Chen")
    assert byline_names("By the river we sat.") == ()
    assert byline_names("Bystanders gathered") == ()


@pytest.mark.parametrize("line", ["By Hanna Pell and Tom Kell, Reuters", "By Hanna Pell | Larkfield Gazette"])
def test_a_wire_agency_or_an_outlet_after_a_bar_is_no_author(line):
    assert byline_names(line)[0] == "Hanna Pell" and byline_outlet(line) in {"Reuters", "Larkfield Gazette"}
    assert not {"Reuters", "Larkfield Gazette"} & set(byline_names(line))


def test_an_outlet_in_a_byline_is_the_publisher_not_an_author():
    article = parse_article("Council adds bus lanes\n\nBy Hanna Pell and Tom Kell, Larkfield Gazette\n\nThe council voted on Monday to add bus lanes on Main Street.")
    assert article.byline == ("Hanna Pell", "Tom Kell") and article.publisher == "Larkfield Gazette"


def test_parse_article_reads_title_byline_publisher_and_stable_id():
    text = "Markets Calm - Ledger\n\nBy Ann Lee\n\nStocks rose on Monday in quiet trading across the region.\n"
    a, b = parse_article(text, "x.txt"), parse_article(text, "y.txt")
    assert (a.title, a.byline, a.publisher) == ("Markets Calm", ("Ann Lee",), "Ledger")
    assert a.id == b.id and len(a.id) == 16


def test_an_author_credited_with_the_outlet_works_for_it():
    text = "Mill town mourns its mayor\n\nThe mayor died on Thursday at 88.\n\n— Written by Ann Lee, The Harbor Gazette\n"
    facts = {(r.head.name, r.type, r.tail.name) for r in article_facts(parse_article(text, "x.txt"))}
    assert ("Ann Lee", "worksFor", "The Harbor Gazette") in facts
    plain = "Markets Calm - Ledger\n\nBy Ann Lee\n\nStocks rose on Monday in quiet trading across the region.\n"
    assert not any(r.type == "worksFor" for r in article_facts(parse_article(plain, "y.txt")))  # the outlet is not on her line


def test_a_paragraph_that_says_who_wrote_a_work_is_prose_not_a_credit():
    text = "Mill town mourns its mayor\n\nThe song - written by Ann Lee, a former singer - reached number one in Orvik.\n\nThe mayor died on Thursday.\n"
    article = parse_article(text, "x.txt")
    assert (article.byline, article.publisher) == ((), None)
    assert any("written by Ann Lee" in article.text[start:end] for start, end in article.body)


def test_a_closing_blurb_names_the_author_and_a_sign_off_the_publisher():
    text = "Mill town mourns its mayor\n\nThe mayor died on Thursday at 88.\n\nAnn Lee reports on local politics for the Harbor Gazette.\n"
    assert parse_article(text, "x.txt").byline == ("Ann Lee",)
    signed = "Mill town mourns its mayor\n\nThe mayor died on Thursday at 88.\n\n— Orvik University News Service\n"
    assert parse_article(signed, "y.txt").publisher == "Orvik University News Service"
    quoted = "Mill town mourns its mayor\n\nThe mayor died on Thursday at 88.\n\nAnn Lee said she would vote for the plan.\n"
    assert parse_article(quoted, "z.txt").byline == ()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\x81 \x8d\x8f au lait", "not valid UTF-8"),
    ],
)
def test_bad_bytes_give_one_line_errors(data, message):
    with pytest.raises(InputError) as err:
        article_from_bytes(data, "bad.txt")
    assert message in str(err.value) and "bad.txt" in str(err.value) and "\n" not in str(err.value)


def test_utf16_with_bom_and_size_limit():
    text = "Title\n\nAnna Berg lives in Boston and works for a bank there.\n"
    assert article_from_bytes(text.encode("utf-16"), "u16.txt").text == text
    with pytest.raises(InputError, match="size limit"):
        article_from_bytes(text.encode(), "big.txt", max_bytes=10)


def test_html_keeps_text_and_drops_scripts():
    page = b"<html><head><title>Big News - Herald</title><script>alert(1)</script></head><body><p>Anna Berg lives in Boston.</p><script>var x = 1;</script></body></html>"
    article = article_from_bytes(page, "page.html")
    assert article.title == "Big News"
    assert "Anna Berg lives in Boston." in article.text and "alert" not in article.text and "var x" not in article.text


def test_source_labels_do_not_depend_on_the_working_directory(tmp_path: Path):
    (tmp_path / "news" / "sub").mkdir(parents=True)
    (tmp_path / "news" / "sub" / "a.txt").write_text("x", encoding="utf-8")
    assert [label for _, label in expand_paths([str(tmp_path / "news")])] == ["news/sub/a.txt"]


def test_paths_missing_and_empty_directory(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="no articles"):
        expand_paths([str(tmp_path)])


def test_jsonl_bad_line_is_reported_and_others_kept(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Anna Berg lives in Boston."}\nnot json\n{"id": "c", "text": "Bo Chen works in Paris."}\n', encoding="utf-8")
    items = list(read_jsonl(str(path)))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    assert isinstance(items[1], InputError) and ":2:" in str(items[1])


def test_a_date_line_or_dateline_at_the_top_is_the_publication_date():
    from graph.ingest import parse_article

    assert parse_article("Quarry to close\n\nBy Ann Lee\nPublished March 4, 2024\n\nThe quarry will close.\n").published == "2024-03-04"
    assert parse_article("Quarry to close\n\nOSLO, 4 Sept. 2023 — The quarry will close.\n").published == "2023-09-04"
    assert parse_article("Quarry to close\n\nOSLO, March 4 — The quarry, opened on May 2, 2001, will close.\n").published is None
