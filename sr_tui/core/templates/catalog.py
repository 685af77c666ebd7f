"""The template library, loaded: built-in templates plus the user's directories.

Every problem is collected as a `LoadError` (file, line where known, reason); one broken
file never stops the others from loading. A user template with a built-in's id replaces it.
Reading and validating the files is `schema.py`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sr_tui.core.templates.model import Category, Field, Template
from sr_tui.core.templates.parse_cache import ParseCache
from sr_tui.core.tomlfile import FileProblem

CATEGORIES_FILE = "categories.toml"
FIELDS_FILE = "fields.toml"
#: The move table (`core/cases/next_steps.py`), kept beside the templates; not a template.
NEXT_STEPS_FILE = "next-steps.toml"
SHARED_FILES = (CATEGORIES_FILE, FIELDS_FILE, NEXT_STEPS_FILE)
TEMPLATES_ENV = "SR_TUI_TEMPLATES"

#: A problem in a template file: path, reason, line where known.
LoadError = FileProblem


@dataclass(frozen=True)
class FolderProblem(FileProblem):
    """A template folder that is missing (or is not a folder): no file of it was even
    looked at. The message says where the folder was configured."""


@dataclass(frozen=True)
class Catalog:
    categories: tuple[Category, ...]
    templates: tuple[Template, ...]
    errors: tuple[LoadError, ...] = ()
    fields: dict[str, Field] = field(default_factory=dict)
    _by_id: dict[str, Template] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({t.id.upper(): t for t in self.templates})

    def get(self, template_id: str) -> Template:
        """The template with this id (case-insensitive): a dict lookup."""
        try:
            return self._by_id[template_id.strip().upper()]
        except KeyError:
            raise KeyError(template_id) from None

    def close_matches(self, template_id: str) -> list[str]:
        ids = [t.id for t in self.templates]
        upper = {i.upper(): i for i in ids}
        import difflib

        found = difflib.get_close_matches(template_id.upper(), list(upper), n=3, cutoff=0.4)
        return [upper[f] for f in found]

    @property
    def folder_problems(self) -> tuple[FolderProblem, ...]:
        return tuple(e for e in self.errors if isinstance(e, FolderProblem))

    @property
    def file_problems(self) -> tuple[LoadError, ...]:
        return tuple(e for e in self.errors if not isinstance(e, FolderProblem))

    def in_category(self, category_id: str) -> tuple[Template, ...]:
        return tuple(t for t in self.templates if t.category == category_id)

    def category(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)


def builtin_dir() -> Path:
    """The shipped templates: inside the wheel, or the repository's `templates/`."""
    packaged = Path(__file__).resolve().parents[2] / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def user_dirs_from_env(environ: dict[str, str] | None = None) -> list[Path]:
    value = (environ if environ is not None else os.environ).get(TEMPLATES_ENV, "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def template_dirs(settings=None) -> list[Path]:
    """The user's template directories: settings `template_dirs`, then `SR_TUI_TEMPLATES`.
    The app and every command use this one list."""
    configured = settings.template_dirs if settings is not None else ()
    return [Path(d).expanduser() for d in configured] + user_dirs_from_env()


def template_dir_origins(settings=None, config_path: Path | None = None) -> dict[Path, str]:
    """Where each of `template_dirs(settings)` was configured, in words, for messages."""
    setting = f"template_dirs in {config_path}" if config_path else "the template_dirs setting"
    origins: dict[Path, str] = {}
    for d in user_dirs_from_env():
        origins[d] = f"{TEMPLATES_ENV}={os.environ.get(TEMPLATES_ENV, '')}"
    for d in settings.template_dirs if settings is not None else ():
        origins[Path(d).expanduser()] = setting
    return origins


def load_user_catalog(
    settings, config_path: Path | None = None, *, use_cache: bool = True
) -> Catalog:
    """The built-ins plus the user's folders (`template_dirs`): what the app and every
    command load. A folder that does not exist is a `FolderProblem` naming where it was
    configured (the settings file, or `SR_TUI_TEMPLATES`)."""
    return load_catalog(
        template_dirs(settings),
        origins=template_dir_origins(settings, config_path),
        use_cache=use_cache,
    )


def load_catalog(
    user_dirs: Sequence[Path] | None = None,
    *,
    include_builtin: bool = True,
    origins: dict[Path, str] | None = None,
    use_cache: bool = True,
) -> Catalog:
    """Load the built-in library, then each user directory (later ones win).

    `user_dirs` defaults to the `SR_TUI_TEMPLATES` path list; `origins` says where each
    was configured, for the message when one is missing. With `use_cache`, templates
    validated by an earlier load whose files did not change are taken from the catalog
    cache (`catalog_cache.py`); without it every file is read and validated.
    """
    dirs: list[Path] = [builtin_dir()] if include_builtin else []
    dirs += list(user_dirs) if user_dirs is not None else user_dirs_from_env()
    from sr_tui.core.templates.catalog_cache import CatalogCache
    from sr_tui.core.templates.schema import Loader

    # A warm load makes some 60,000 objects that all live on: the garbage collector,
    # run over and over while they are made, would find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cache = CatalogCache.load() if use_cache else CatalogCache.disabled()
        loader = Loader(ParseCache.load(), cache)
        for d in dirs:
            loader.load_shared(d, (origins or {}).get(d))
        for d in dirs:
            loader.load_templates(d)
        loader.parse_cache.save()
        cache.save()
        return loader.catalog()
    finally:
        if collecting:
            gc.enable()


def toml_names(directory: Path) -> list[str]:
    """The names of the folder's `*.toml` entries, sorted: what `directory.glob("*.toml")`
    finds (hidden ones too), without a `Path` made for each of 3,000 files."""
    try:
        with os.scandir(directory) as entries:
            return sorted(e.name for e in entries if e.name.endswith(".toml"))
    except OSError:
        return []


def template_files(directory: Path) -> Iterable[Path]:
    return (p for p in sorted(directory.glob("*.toml")) if p.name not in SHARED_FILES)
