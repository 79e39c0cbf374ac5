"""`balise serve` reads the config with Balise's reader and its limits before MkDocs does, as
`build` does: MkDocs follows any INHERIT and recurses into any nesting."""

from __future__ import annotations

import os

from support.hostile import balise


def test_a_config_inheriting_a_pipe_is_refused_before_mkdocs_could_hang_on_it(tmp_path):
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "base.yml")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    outcome = balise("serve", "--dev-addr", "127.0.0.1:0", cwd=tmp_path, timeout=30)
    assert outcome.returncode == 1 and not outcome.crashed
    assert "mkdocs.yml:1: INHERIT: 'base.yml' is not a regular file" in outcome.stderr
    assert "balise serve: the config has problems; nothing is served" in outcome.stderr
