"""Monitoring alerts into draft incidents for `balise alert`: payload readers per source
(Alertmanager, Grafana, Uptime Kuma, a generic JSON), the rules of mkdocs.yml, episode keys,
the draft's words, and the pull request that carries the draft. Imports model, source,
outputs (words and times in the site's language) and authoring (the round-trip edits)."""
