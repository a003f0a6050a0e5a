"""What a site's mkdocs.yml fixes for the commands that do not build (validate, new, import):
the content folder it names and its build date, read as MkDocs reads the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .core.markup import reads_markdown_in_html

PLUGIN = "dialogue-archive"
"""The plugin's name in mkdocs.yml."""
CONFIG = Path("mkdocs.yml")
"""The site's file that `mkdocs build` reads in the folder it runs in, when no -f names one."""


class SettingsError(ValueError):
    """The site's mkdocs.yml cannot be read; the message says where and why."""


class Site(NamedTuple):
    """What a command checks: the content folder, and what the mkdocs.yml of the site built
    from it fixes (none of it when no such file is found)."""

    content: Path
    build_date: Any
    """The plugin's `build_date`, as written."""
    options: dict[str, Any]
    """The plugin's options, as written."""
    config: Path | None
    """That mkdocs.yml."""
    pages_markdown_in_html: bool = False
    """Whether its `markdown_extensions` give the content folder's other pages md_in_html."""


def site_settings(path: Path) -> Site:
    """The content folder to check and its site's settings. `path` is a content folder (whose
    site's mkdocs.yml, beside it, fixes them if it builds this folder), or a site's mkdocs.yml
    or the folder of one: then the content folder is the `docs_dir` it names."""
    content = path if (path / "registry").is_dir() else None
    if content is not None:
        config = path.resolve().parent / "mkdocs.yml"
    else:
        config = path if path.is_file() else path / "mkdocs.yml"
    if not config.is_file():
        return Site(content or config.parent, None, {}, None)
    settings = read_settings(config)
    plugins = settings.get("plugins") or []
    named = plugins.items() if isinstance(plugins, dict) else [
        pair for entry in plugins if isinstance(entry, dict) for pair in entry.items()]
    options = next((o for name, o in named if name == PLUGIN and isinstance(o, dict)), {})
    docs = config.parent / str(settings.get("docs_dir") or "docs")
    markdown_in_html = reads_markdown_in_html(settings.get("markdown_extensions"))
    if content is not None:  # the settings of the site built from this folder only
        if docs.resolve() != content.resolve():
            return Site(content, None, {}, None)
        return Site(content, options.get("build_date"), options, config, markdown_in_html)
    if docs.is_dir():
        print(f"info: {config} names the content folder {docs}: working in that folder")
        return Site(docs, options.get("build_date"), options, config, markdown_in_html)
    return Site(config.parent, None, {}, None)


def chosen_site(given: str | None, config_file: str | None) -> Site:
    """The site that `validate`, `new` and `import` work on, found alike by the three: the content
    folder given, or a site's mkdocs.yml or its folder (its `docs_dir` is then the content
    folder), or the mkdocs.yml that `-f` names, as `scripts/build -f` takes it; none of them:
    the mkdocs.yml of the folder the command runs in, as `mkdocs build` reads it, else the
    `content/` folder there. `new` read `--content-dir` (default `content/`) alone: run from an
    office's own folder, the `docs_dir` of its mkdocs.yml was not looked for."""
    if given is not None and config_file is not None:
        raise SettingsError(f"give the content folder ({given}) or -f {config_file}, not both")
    path = Path(config_file or given or (CONFIG if CONFIG.is_file() else "content"))
    if (wrong := _not_a_site(path)) is not None:
        raise SettingsError(f"{path}: {wrong}; give the content folder (the one with registry/ and "
                            "sessions/) or the site's mkdocs.yml")
    return site_settings(path)


def _not_a_site(path: Path) -> str | None:
    """What `path` is when it can be neither a content folder nor a mkdocs.yml: a Markdown page
    was read as a mkdocs.yml, and a missing folder was reported as a problem at its line 1."""
    if not path.exists():
        return "no such file or folder"
    if path.is_file() and path.suffix.lower() not in {".yml", ".yaml"}:
        return "this is a file, not a mkdocs.yml"
    return None


def read_settings(config: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it: its `INHERIT:` file merged in, `!ENV` values filled. A value
    written as a date that does not exist (`2024-02-30`) is said at its line: MkDocs stops on it
    with PyYAML's traceback, before any plugin runs."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open("rb") as source:
            settings = yaml_load(source)
    except ValueError as error:  # PyYAML making `build_date: 2024-02-30`, a day that does not exist
        raise SettingsError(_unmade_date(config) or f"{config} cannot be read: {error}") from None
    except (OSError, yaml.YAMLError, ConfigurationError) as error:
        raise SettingsError(f"{config} cannot be read: {error}") from None
    return settings if isinstance(settings, dict) else {}


def _unmade_date(config: Path) -> str | None:
    """`file:line:column: message` for the first unquoted date of `config` (or of the file it
    inherits from) that is no day of the calendar; None when there is none."""
    files = [config]
    while files:
        path = files.pop()
        try:
            root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        except (OSError, ValueError, yaml.YAMLError):
            continue
        nodes = [root] if root is not None else []
        while nodes:
            node = nodes.pop()
            if isinstance(node, yaml.MappingNode):
                nodes.extend(part for pair in reversed(node.value) for part in reversed(pair))
                inherit = [v for k, v in node.value if node is root and k.value == "INHERIT"]
                files.extend(path.parent / v.value for v in inherit if isinstance(v.value, str))
            elif isinstance(node, yaml.SequenceNode):
                nodes.extend(reversed(node.value))
            elif node.tag == "tag:yaml.org,2002:timestamp":
                try:
                    yaml.SafeLoader("").construct_yaml_timestamp(node)
                except ValueError as error:
                    mark = node.start_mark
                    return (f"{path}:{mark.line + 1}:{mark.column + 1}: {node.value} is not a day "
                            f"of the calendar ({error}); write a date that exists, as YYYY-MM-DD")
    return None
