"""The page's own look lives in theme/ at the top of the repository: this one's and every
project's `balise init` writes, with the same README."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
PACKAGED = REPO / "site_builder" / "scaffold" / "templates" / "theme"


def test_this_repositorys_theme_readme_is_the_one_init_writes():
    assert (REPO / "theme" / "README.md").read_text(encoding="utf-8") == (PACKAGED / "README.md").read_text(encoding="utf-8")


def test_this_repository_names_its_theme_folder_and_links_its_brand_colour():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert (config["theme"]["custom_dir"], config["extra_css"]) == ("theme", ["assets/brand.css"])
    assert (REPO / "theme" / "assets" / "brand.css").is_file()


def test_both_brand_files_set_the_same_variables():
    def variables(path: Path) -> list[str]:
        return [line.split(":")[0].strip() for line in path.read_text(encoding="utf-8").splitlines() if "--md-" in line]

    assert variables(REPO / "theme" / "assets" / "brand.css") == variables(PACKAGED / "assets" / "brand.css") != []


def test_no_main_html_in_the_theme_folder_hides_balises_own():
    assert not (REPO / "theme" / "main.html").exists()
