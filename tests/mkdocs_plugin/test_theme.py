"""The plugin brings its own templates and assets: no `custom_dir` needed, a site's overrides still win."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from support.site_project import Project, build, find, page

from site_builder.mkdocs_plugin.plugin import THEME_DIR, register_theme


def small_site(tmp_path: Path) -> Project:
    project = Project(tmp_path / "project")
    project.write_config()
    return project


def test_a_site_without_custom_dir_is_styled_by_balise(tmp_path):
    project = small_site(tmp_path)
    assert "custom_dir" not in project.config.read_text(encoding="utf-8")
    result = build(project.config, tmp_path / "site")
    assert result.exit_code == 0, result.output
    home = page(tmp_path / "site", "")
    stylesheets = [link.attrs["href"] for link in find(home, "link", rel="stylesheet")]
    scripts = [script.attrs["src"] for script in find(home, "script") if "src" in script.attrs]
    assert "assets/balise/balise.css" in stylesheets
    assert "assets/balise/balise.js" in scripts
    assert (tmp_path / "site" / "assets/balise/balise.css").read_bytes() == (
        THEME_DIR / "assets/balise/balise.css"
    ).read_bytes()
    assert (tmp_path / "site" / "assets/balise/balise.js").is_file()


def test_a_sites_own_override_wins_over_balises_template(tmp_path):
    project = small_site(tmp_path)
    overrides = project.root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "copyright.html").write_text('<div class="ours">Our own footer</div>\n', encoding="utf-8")
    text = project.config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.config.write_text(text, encoding="utf-8")
    assert build(project.config, tmp_path / "site").exit_code == 0
    home = page(tmp_path / "site", "")
    assert [e.text for e in find(home, "div", class_="ours")] == ["Our own footer"]
    # Balise's main.html still applies: the site keeps its stylesheet.
    assert find(home, "link", href="assets/balise/balise.css")


def test_balises_folder_sits_after_custom_dir_and_before_material(tmp_path):
    project = small_site(tmp_path)
    (project.root / "overrides").mkdir()
    (project.root / "docs").mkdir()
    text = project.config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.config.write_text(text, encoding="utf-8")
    config = load_config(config_file=str(project.config))
    register_theme(config)
    register_theme(config)  # a second build of the same config (mkdocs serve) adds nothing
    dirs = config.theme.dirs
    assert dirs[0] == str(project.root / "overrides")
    assert dirs[1] == str(THEME_DIR)
    assert dirs.count(str(THEME_DIR)) == 1
    assert Path(dirs[2]).name == "templates" and "material" in dirs[2]


def test_a_theme_other_than_material_is_refused_with_a_message(tmp_path):
    # A theme of the site's own folder alone: both engines accept it (ProperDocs ships no theme named mkdocs).
    project = small_site(tmp_path)
    (project.root / "own-theme").mkdir()
    (project.root / "own-theme" / "main.html").write_text("{{ page.content }}", encoding="utf-8")
    text = project.config.read_text(encoding="utf-8").replace("  name: material\n", "  name: null\n  custom_dir: own-theme\n")
    project.config.write_text(text, encoding="utf-8")
    result = build(project.config, tmp_path / "site")
    assert result.exit_code == 1
    assert "the theme must be 'material'" in result.output
