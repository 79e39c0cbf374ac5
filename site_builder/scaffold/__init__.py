"""`balise init`: the files of a new status-page repository, from templates shipped in the package.

A team that installs Balise from a wheel has none of this repository: the config, the two
workflows, the pre-commit hook and their README come from here. The workflows are derived
from this repository's own (`workflows.team_workflow`), so the two never drift apart.
"""
