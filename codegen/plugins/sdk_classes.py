"""Finds the hand-written SDK classes the generated code refers to, by reading their source.

An entity's SDK class is the class that subclasses its generated base (`class Project(
ProjectBase)`), wherever it lives in the SDK package; an SDL enum surfaces as the SDK's own
enum when the package defines a top-level `Enum` subclass of the same name. Nothing is
listed by hand: writing the class is what registers it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SdkClasses:
    """Dotted paths of SDK classes: entity classes by generated base, enums by name."""

    by_base: dict[str, list[str]] = field(default_factory=dict)
    enums: dict[str, str] = field(default_factory=dict)

    def subclass_of(self, base: str) -> str | None:
        """The one SDK class subclassing `base`, or None when none does."""
        classes = self.by_base.get(base, [])
        if len(classes) > 1:
            raise ValueError(f"{base} is subclassed more than once: {', '.join(classes)}")
        return classes[0] if classes else None


def scan(package: str, root: Path, exclude: Path | None = None) -> SdkClasses:
    """Read every module of `package` (a dotted name, found under `root`), except those
    under `exclude` (the generated package)."""
    found = SdkClasses()
    package_dir = root.joinpath(*package.split("."))
    excluded = exclude.resolve() if exclude is not None else None
    for path in sorted(package_dir.rglob("*.py")):
        if excluded is not None and path.resolve().is_relative_to(excluded):
            continue
        relative = path.relative_to(root).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        module = ".".join(parts)
        tree = ast.parse(path.read_text(), str(path))
        foreign = _names_from_elsewhere(tree)
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                _record(found, module, node, foreign)
    return found


def _names_from_elsewhere(tree: ast.Module) -> set[str]:
    """Names a module defines itself or imports from a module outside the generated package
    (a base named like a generated one, e.g. a private `OntologyBase`, is not one)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom) and "_generated" not in (node.module or ""):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _record(found: SdkClasses, module: str, node: ast.ClassDef, foreign: set[str]) -> None:
    bases = [_base_name(base) for base in node.bases]
    dotted = f"{module}.{node.name}"
    for base in bases:
        if base is not None and base not in foreign:
            found.by_base.setdefault(base, []).append(dotted)
    if "Enum" in bases or "enum.Enum" in bases:
        found.enums.setdefault(node.name, dotted)


def _base_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None
