"""The package's rooms: imports go one way, modules stay small, the docs list them.

plugins/newsroom/ has four folders, one per place where code runs:

- model/ (the content model) imports no other room;
- run/ (inside a language's Pelican run) imports the model;
- build/ (the parent process) imports the model, and the run only through
  its entry point, run/child.py;
- tools/ may import anything, and nothing else imports tools/.

The package's __init__ (Pelican's entry point) wires the run's receivers.
Every module's imports are read with `ast`, those inside functions too.
"""

import ast
import re
from collections import defaultdict

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "newsroom"
ROOMS = ("model", "run", "build", "tools")
ENTRY_POINT = "newsroom.run.child"
# room -> the rooms its modules may import ("plugin" is the package's __init__)
ALLOWED = {
    "model": {"model"},
    "run": {"model", "run"},
    "build": {"model", "build"},
    "tools": {"model", "run", "build", "tools", "plugin"},
    "plugin": {"model", "run", "plugin"},
}
MOST_LINES = 520  # "about 500"


def module_name(path, package=PACKAGE):
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def find_modules(package=PACKAGE):
    """{dotted name: path} of every module of the package."""
    return {
        module_name(path, package): path
        for path in sorted(package.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def room(name):
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ROOMS else "plugin"


def imports(name, modules):
    """The package's modules that module `name` imports, anywhere in its code."""
    path = modules[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            # `from package import module` imports the module; else the names are in `source`
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                for alias in node.names
            ]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def wrong_imports(graph):
    """{module: [what it must not import]} under the rules above."""
    found = {}
    for name, targets in graph.items():
        wrong = sorted(
            target
            for target in targets
            if room(target) not in ALLOWED[room(name)]
            and not (room(name) == "build" and target == ENTRY_POINT)
        )
        if wrong:
            found[name] = wrong
    return found


def cycles(graph):
    """Every cycle a depth-first search meets, as the path around it."""
    state, found = defaultdict(int), []  # 0 new, 1 on the stack, 2 done

    def visit(name, stack):
        state[name] = 1
        for target in sorted(graph[name]):
            if state[target] == 1:
                found.append(stack[stack.index(target) :] + [target])
            elif state[target] == 0:
                visit(target, [*stack, target])
        state[name] = 2

    for name in sorted(graph):
        if state[name] == 0:
            visit(name, [name])
    return found


MODULES = find_modules()
GRAPH = {name: imports(name, MODULES) for name in MODULES}


def test_every_module_is_in_a_room():
    loose = [name for name in MODULES if room(name) == "plugin" and name != "newsroom"]
    assert not loose, f"modules outside model/, run/, build/ and tools/: {loose}"
    assert set(ROOMS) <= {room(name) for name in MODULES}


def test_imports_go_one_way():
    assert "newsroom.model.scan" in GRAPH["newsroom.build.pipeline"]  # it reads imports at all
    assert ENTRY_POINT in GRAPH["newsroom.build.runs"]
    assert wrong_imports(GRAPH) == {}


def test_no_import_cycle():
    found = cycles(GRAPH)
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_the_rules_catch_wrong_imports_and_cycles(tmp_path):
    """A small package that breaks every rule, read the same way."""
    files = {
        "__init__.py": "",
        "model/__init__.py": "",
        "model/a.py": "from ..build import b\n",  # the model imports the build
        "run/__init__.py": "",
        "run/child.py": "from ..model import a\n",
        "run/other.py": "def f():\n    from ..build.b import x\n",  # the run imports the build
        "build/__init__.py": "",
        "build/b.py": "from ..run import child, other\nfrom . import c\n",  # other: not the entry
        "build/c.py": "import newsroom.build.b\n",  # a cycle b -> c -> b
        "tools/__init__.py": "",
        "tools/t.py": "from ..build import b\nfrom ..run import other\n",  # allowed
    }
    for name, text in files.items():
        (tmp_path / "newsroom" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "newsroom" / name).write_text(text)
    modules = find_modules(tmp_path / "newsroom")
    graph = {name: imports(name, modules) for name in modules}
    assert wrong_imports(graph) == {
        "newsroom.model.a": ["newsroom.build.b"],
        "newsroom.run.other": ["newsroom.build.b"],
        "newsroom.build.b": ["newsroom.run.other"],
    }
    assert ["newsroom.build.b", "newsroom.build.c", "newsroom.build.b"] in cycles(graph)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MOST_LINES, f"{name} has {lines} lines; split it by what its parts do"


ARCHITECTURE = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_the_architecture_page_lists_every_module(name):
    path = MODULES[name].relative_to(PACKAGE).as_posix()
    assert f"`{path}`" in ARCHITECTURE, f"docs/architecture.md does not list {path}"


def receivers():
    """(signal, receiver) for every connect() in register()."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "connect":
            signal = node.func.value.attr
            found.append((signal, ast.unparse(node.args[0])))
    return found


def test_register_connects_the_receivers_and_the_page_names_them():
    found = receivers()
    assert len(found) >= 12
    rows = [line for line in ARCHITECTURE.splitlines() if line.startswith("|")]
    for signal, receiver in found:
        assert any(f"`{signal}`" in row and f"`{receiver}`" in row for row in rows), (
            f"docs/architecture.md's signal table lacks {signal} -> {receiver}"
        )


def test_nothing_outside_the_tools_imports_them():
    """tasks.py may; the build, the run and the settings may not."""
    for path in (ROOT / "pelicanconf.py", ROOT / "publishconf.py"):
        assert not re.search(r"newsroom\.tools", path.read_text(encoding="utf-8")), path


def test_the_docs_name_files_that_exist():
    """Every plugins/newsroom/… and tests/… file that the README, docs/, the
    settings, tasks.py and the Makefile name is there."""
    named = ["README.md", *sorted((ROOT / "docs").glob("*.md"))]
    named += ["pelicanconf.py", "publishconf.py", "tasks.py", "Makefile"]
    pattern = re.compile(r"(?<![\w/])((?:plugins/newsroom|tests)/[\w/.-]+\.(?:py|md|html))")
    missing = []
    for name in named:
        text = (ROOT / name).read_text(encoding="utf-8")
        missing += [
            f"{name}: {path}" for path in pattern.findall(text) if not (ROOT / path).exists()
        ]
    assert not missing, "named but missing:\n" + "\n".join(missing)
