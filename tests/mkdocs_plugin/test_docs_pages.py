"""Hand-written pages in docs/: cleaned like incident bodies, and only files that cannot run
script, load another site's resources, leave the repository or collide with an output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from support.hostile import balise
from support.site_project import EXAMPLE_NOW, THEME, build, example_project, find, page, with_custom_dir

from site_builder.cli import main

HOSTILE = """\
---
title: "Help <script>alert('title')</script>"
description: '"><script>alert("description")</script>'
---
# Questions <img src=x onerror="alert('h1')">

Text <script>alert('body')</script> and <a href="javascript:alert('link')">a link</a>.

<iframe src="https://evil.example/"></iframe>
<div class="admonition note" onclick="alert('handler')"><p>Note</p></div>

![our logo](logo.png)
<img src="https://tracker.example/pixel.gif" alt="pixel">
<img src="//tracker.example/pixel.gif" alt="pixel2">

[Our status elsewhere](https://example.com/)
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    config = example_project(tmp_path)
    (config.parent / "docs").mkdir()
    return config


def write(config: Path, name: str, content: str | bytes = "# Page\n") -> Path:
    path = config.parent / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def built_page(config: Path, tmp_path: Path, name: str = "help") -> str:
    result = build(config, tmp_path / "site")
    assert result.exit_code == 0, result.output
    return page(tmp_path / "site", name)


def test_no_script_handler_javascript_url_or_iframe_reaches_the_page(project, tmp_path):
    write(project, "help.md", HOSTILE)
    html = built_page(project, tmp_path)
    assert not [s for s in find(html, "script") if "alert" in s.text]
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert not find(html, "iframe")


def test_front_matter_values_are_text_not_markup(project, tmp_path):
    write(project, "help.md", HOSTILE)
    html = built_page(project, tmp_path)
    assert "<script>alert(" not in html
    assert '"><script>' not in html
    assert find(html, "meta", name="description")[0].attrs["content"] == '"><script>alert("description")</script>'


def test_images_come_from_the_site_itself_only(project, tmp_path):
    write(project, "help.md", HOSTILE)
    write(project, "logo.png", b"\x89PNG\r\n\x1a\n")
    html = built_page(project, tmp_path)
    sources = [img.attrs.get("src") for img in find(html, "img") if img.attrs.get("alt", "").startswith(("our", "pixel"))]
    assert sources == ["../logo.png", None, None]
    assert "tracker.example" not in html
    assert (tmp_path / "site" / "logo.png").is_file()


def test_links_to_other_sites_stay(project, tmp_path):
    write(project, "help.md", HOSTILE)
    links = [a.attrs["href"] for a in find(built_page(project, tmp_path), "a") if a.text == "Our status elsewhere"]
    assert links == ["https://example.com/"]


def test_admonitions_headings_and_anchors_keep_their_classes_and_ids(project, tmp_path):
    write(project, "help.md", "# Help\n\n## Billing\n\n!!! note\n    Invoices are monthly.\n")
    html = built_page(project, tmp_path)
    assert find(html, "h2", id="billing")
    assert find(html, "div", class_="admonition")


def test_a_link_to_the_build_environment_is_refused_and_nothing_is_published(project, tmp_path):
    (project.parent / "docs" / "env.txt").symlink_to("/proc/self/environ")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.exit_code == 1
    assert "docs/env.txt:1: symbolic link to a path outside the repository; refused" in result.output
    assert not site.exists()


@pytest.mark.parametrize("name", ["page.html", "app.js", "logo.svg", "style.css", "data.json", "feed.xml"])
def test_a_file_that_could_run_script_or_load_resources_is_refused(project, tmp_path, name):
    write(project, name, "<script>alert(1)</script>")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 1
    assert f"docs/{name}:1: not published: docs/ may hold Markdown pages" in result.output


@pytest.mark.parametrize(
    ("name", "generated"),
    [
        ("_headers.md", "/_headers/"),
        ("api/v2/summary.json", "/api/v2/summary.json"),
        ("history.rss", "/history.rss"),
        ("history.md", "/history/"),
        ("incidents/2026-11-22-sign-in-failures.md", "/incidents/2026-11-22-sign-in-failures/"),
        ("incidents/notes.md", "/incidents/notes/"),
        ("components/api/badge.png", "/components/api/badge.png"),
        ("index.md", "/"),
        ("robots.txt", "/robots.txt"),
        ("assets/balise/status-major.png", "/assets/balise/status-major.png"),
    ],
)
def test_a_docs_file_named_like_an_output_is_refused_with_one_line(project, tmp_path, name, generated):
    write(project, name, "# Mine\n")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if f"docs/{name}:1:" in line]
    assert len(lines) == 1, result.output
    assert f"the build generates '{generated}' itself" in lines[0]
    assert "Traceback" not in result.output


def test_a_page_ending_in_upper_case_md_is_named(project, tmp_path):
    write(project, "faq.MD")
    result = build(project, tmp_path / "site")
    assert "docs/faq.MD:1: not published: Markdown pages end in lowercase '.md'; rename it to 'faq.md'" in result.output


def test_hidden_files_and_templates_which_mkdocs_never_publishes_are_left_alone(project, tmp_path):
    write(project, ".htaccess", "Options +Indexes\n")
    write(project, "templates/x.html", "<script></script>")
    write(project, "faq.md")
    assert build(project, tmp_path / "site").exit_code == 0
    assert not (tmp_path / "site" / ".htaccess").exists()


def test_images_text_pdf_and_cname_are_published(project, tmp_path):
    for name in ["a.png", "b.jpg", "c.gif", "d.webp", "notes.txt", "postmortem.pdf", "CNAME"]:
        write(project, name, b"x")
    assert build(project, tmp_path / "site").exit_code == 0
    assert (tmp_path / "site" / "postmortem.pdf").is_file() and (tmp_path / "site" / "CNAME").is_file()


def test_balise_check_reports_the_docs_problems_the_build_would(project, monkeypatch):
    write(project, "_headers.md")
    write(project, "page.html", "<script></script>")
    monkeypatch.chdir(project.parent)
    result = CliRunner().invoke(main, ["check", "--now", EXAMPLE_NOW, "--format", "text"])
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["docs/_headers.md", "docs/page.html"]


def test_a_plain_mkdocs_build_refuses_the_same_files(project, tmp_path):
    write(project, "page.html", "<script></script>")
    with pytest.raises(Abort):
        mkdocs_build(load_config(config_file=str(project), site_dir=str(tmp_path / "site")))
    assert not (tmp_path / "site" / "page.html").exists()


LAUGHS = "---\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 9)
) + "---\n# Help\n"


@pytest.mark.parametrize(
    ("content", "line", "said"),
    [
        # MkDocs' own reader builds the aliases whole: the build ran out of memory.
        (LAUGHS, 7, "once its aliases (*name) are expanded"),
        ("---\ntitle: [" + "[" * 5000 + "\n---\n# Help\n", 2, "nest"),
        # Python-Markdown's inline patterns are quadratic here: the build took minutes.
        ("# Help\n\n" + "[" * 20_000 + "\n", 1, "would take too long to convert"),
        ("# Help\n\n" + "> " * 300 + "deep\n", 3, "nest"),
        ("---\ntitle: Help\ntemplate: ../../../../etc/passwd\n---\n# Help\n", 3, "is not a template of the site's theme folder"),
        (b"# Caf\xe9\n", 1, "not valid UTF-8"),
        ("# Help\n\n" + "word " * 250_000, 1, "the file is larger than"),
    ],
    ids=["laughs", "deep-front-matter", "brackets", "deep-quotes", "template", "latin-1", "huge"],
)
def test_a_page_the_build_could_not_read_in_time_or_memory_is_one_line_and_nothing_is_built(project, tmp_path, content, line, said):
    write(project, "help.md", content)
    site = tmp_path / "site"
    outcome = balise("build", "--config", str(project), "--site-dir", str(site), cwd=project.parent, memory=1 << 30, timeout=60)
    assert outcome.returncode == 1 and not outcome.crashed, outcome.stderr
    (problem,) = [text for text in outcome.stderr.splitlines() if text.startswith("docs/help.md:")]
    assert problem.startswith(f"docs/help.md:{line}: ") and said in problem
    assert not (tmp_path / "site").exists()


def test_a_page_may_name_a_template_of_the_sites_own_theme_folder(project, tmp_path):
    with_custom_dir(project, "overrides")
    (project.parent / "overrides").mkdir()
    (project.parent / "overrides" / "plain.html").write_text("{% extends 'main.html' %}", encoding="utf-8")
    write(project, "help.md", "---\ntemplate: plain.html\n---\n# Help\n")
    assert "Help" in built_page(project, tmp_path)


def test_a_docs_dir_outside_the_repository_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.md").write_text("# Not reviewed\n", encoding="utf-8")
    project.write_text(project.read_text(encoding="utf-8") + f"docs_dir: {outside}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 1
    assert f"mkdocs.yml:1: docs_dir '{outside}' is outside the repository" in result.output
    assert not (tmp_path / "site").exists()


def test_a_link_out_of_the_repository_in_the_theme_folder_is_refused(project, tmp_path):
    theme = project.parent / "overrides"
    shutil.copytree(THEME, theme)
    (theme / "assets" / "env.txt").symlink_to("/proc/self/environ")
    with_custom_dir(project, "overrides")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 1
    assert "overrides/assets/env.txt:1: symbolic link to a path outside the repository" in result.output
