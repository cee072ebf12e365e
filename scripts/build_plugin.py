"""Assemble the installable QGIS plugin folder, ZIP it, or deploy it into a QGIS profile.

The folder holds metadata.txt, the plugin package, the engine, icons and compiled translations:
exactly what QGIS "Install from ZIP" expects (one top folder named after the plugin). The version is
written once, as ``smrfr_engine.__version__`` (the wheel reads it too): the build adds it to metadata.txt.
"""

from __future__ import annotations

import argparse
import re
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "smrfr_qgis"
#: bytecode and hidden files (.git, .DS_Store, editor swap files: the plugin repository refuses some), and
#: translation sources (the .qm files are compiled from them)
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*.ts")


def assemble(build_dir: Path) -> Path:
    """Create ``build_dir/smrfr_qgis`` with everything the installed plugin needs."""
    target = build_dir / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / PLUGIN, target, ignore=IGNORE)
    shutil.copytree(ROOT / "smrfr_engine", target / "lib" / "smrfr_engine", ignore=IGNORE)
    shutil.copytree(ROOT / "resources", target / "resources", ignore=IGNORE)
    shutil.copytree(ROOT / "i18n", target / "i18n", ignore=IGNORE)
    if not list((target / "i18n").glob("*.qm")):
        raise SystemExit("no compiled translations in i18n/: run `make transcompile` first")
    for name in ("LICENSE", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    (target / "metadata.txt").write_text(plugin_metadata(), encoding="utf-8")
    return target


def plugin_metadata() -> str:
    """metadata.txt with ``version=`` from ``smrfr_engine/__init__.py``."""
    metadata = (ROOT / "metadata.txt").read_text(encoding="utf-8")
    if re.search(r"^version\s*=", metadata, re.MULTILINE):
        raise SystemExit("metadata.txt sets version=: remove it, the build writes smrfr_engine.__version__")
    engine = (ROOT / "smrfr_engine" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "([^"]+)"$', engine, re.MULTILINE).group(1)
    return metadata.replace("[general]\n", f"[general]\nversion={version}\n", 1)


def make_zip(zip_path: Path) -> Path:
    """Write the plugin ZIP (one top folder ``smrfr_qgis/``)."""
    build_dir = zip_path.parent / "plugin-build"
    folder = assemble(build_dir)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.partial")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(build_dir))
    tmp.replace(zip_path)
    shutil.rmtree(build_dir)
    return zip_path


def deploy(plugins_dir: Path) -> Path:
    """Install the plugin into a QGIS profile's ``python/plugins`` folder."""
    plugins_dir.mkdir(parents=True, exist_ok=True)
    return assemble(plugins_dir)


def private_profile(base: Path, name: str = "smrfr") -> list[str]:
    """A QGIS profile with the plugin deployed and enabled; returns the arguments that start QGIS in it.

    ``qgis --profiles-path BASE`` reads its profiles from ``BASE/profiles/``, not from ``BASE``.
    """
    profile = base / "profiles" / name
    deploy(profile / "python" / "plugins")
    (profile / "QGIS").mkdir(parents=True, exist_ok=True)
    (profile / "QGIS" / "QGIS3.ini").write_text(f"[PythonPlugins]\n{PLUGIN}=true\n", encoding="utf-8")
    return ["--profiles-path", str(base), "--profile", name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("zip").add_argument("path", type=Path)
    sub.add_parser("deploy").add_argument("plugins_dir", type=Path)
    sub.add_parser("profile", help="print the QGIS arguments").add_argument("base", type=Path)
    args = parser.parse_args()
    if args.command == "zip":
        print(make_zip(args.path))
    elif args.command == "deploy":
        print(deploy(args.plugins_dir))
    else:
        print(" ".join(private_profile(args.base)))


if __name__ == "__main__":
    main()
