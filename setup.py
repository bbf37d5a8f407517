"""Packaging: the top-level templates/, static/, migrations/ and docs/ ship inside the package.

The design keeps those folders at the top of the repository; the wheel (and the editable install
that `make` uses) maps them to the packages guard.templates, guard.static, guard.migrations and
guard.docs, which the program reads with importlib.resources (guard/resources.py). Everything
else about the project is in pyproject.toml.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {
    "guard.templates": "templates",
    "guard.static": "static",
    "guard.migrations": "migrations",
    "guard.migrations.versions": "migrations/versions",
    "guard.docs": "docs",
}

setup(
    packages=[*find_packages(include=["guard", "guard.*"]), *DATA_PACKAGES],
    package_dir=DATA_PACKAGES,
    package_data={
        "guard": ["demo_councillors.csv"],
        "guard.templates": ["*.html"],
        "guard.static": ["*.css", "*.js", "*.svg"],
        "guard.migrations": ["script.py.mako"],
        "guard.docs": ["*.md"],
    },
)
