"""The product's commands (`mkdocs build`, `dialogue-archive ...`) run as a user runs them,
each in a new process, without importing MkDocs, Material and the plugin again every time.

A new interpreter spent 0.5 s (`validate`) to 0.9 s (a build) importing them before doing
anything a test checks, and the suite runs hundreds of commands. Each command still runs
in a process of its own, forked from a server process that imported them once
(multiprocessing's forkserver: that server runs nothing else, so no test's state or threads
reach a command): its own working folder, environment, memory limit and time limit, and its
exit code, stdout and stderr as `subprocess.run` gives them. Tests of the installed programs
themselves, of their start-up, or of signals and process groups (Ctrl-C, previews) start them
with `subprocess`.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

MODULES = {"mkdocs": "mkdocs", "dialogue-archive": "dialogue_archive.cli"}
"""The programs run here, and the module `python -m` runs each as."""
STACKS_WRITTEN = 2
"""Seconds a command past its time limit is given to write its threads' stacks (`_command`)."""
_SERVER = multiprocessing.get_context("forkserver")
_SERVER.set_forkserver_preload([
    "mkdocs.__main__", "mkdocs.commands.build", "material", "markdown", "pymdownx",
    "dialogue_archive.cli", "dialogue_archive.mkdocs_adapter.plugin",
])


def _python_variables(env: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if name.startswith("PYTHON")}


SERVER_PYTHON_VARIABLES = _python_variables(os.environ)
"""The variables Python starts by (PYTHON*) that the server starts with: this process's."""


def _starts_differently(env: Mapping[str, str]) -> bool:
    """Whether `env` changes what Python does as it starts (PYTHONPATH holding a newer copy of
    the plugin or a sitecustomize hook) from how the server started, importing what it found
    then: such a command gets a new interpreter."""
    return _python_variables(env) != SERVER_PYTHON_VARIABLES


def _limit(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _command(program: str, args: list[str], cwd: str, env: dict[str, str],
             memory: int | None, out: str, err: str) -> None:
    """The forked process: the program's own `main` with the command's set-up around it. Sent
    SIGUSR1 when its time is up, it writes the stacks of its threads to its stderr, which the
    TimeoutExpired then gives: a command that hung said nothing of where."""
    if memory is not None:
        _limit(memory)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY), fd)
    faulthandler.register(signal.SIGUSR1, file=2, all_threads=True)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (the process's own)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.argv = [program, *args]
    if program == "mkdocs":
        from mkdocs.__main__ import cli

        cli.main(args, prog_name="mkdocs")  # always ends with SystemExit
    from dialogue_archive.cli import main

    sys.exit(main(args))


def run(program: str, args: Sequence[str | Path], *, cwd: Path | None = None,
        env: Mapping[str, str] | None = None, timeout: float = 600,
        memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """`program args` (one of MODULES) in a new process, finished. `cwd` is its working
    folder and `env` its whole environment (this process's by default), `memory` a limit on
    its address space in bytes. A command still running after `timeout` seconds is killed:
    subprocess.TimeoutExpired."""
    assert program in MODULES, program
    argv = [str(a) for a in args]
    env = dict(os.environ if env is None else env)
    if _starts_differently(env):
        return subprocess.run([sys.executable, "-m", MODULES[program], *argv], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=timeout,
                              preexec_fn=None if memory is None else lambda: _limit(memory))
    with tempfile.TemporaryDirectory(prefix="forked-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        out.touch()
        err.touch()
        process = _SERVER.Process(target=_command, args=(
            program, argv, str(Path.cwd() if cwd is None else cwd), env,
            memory, str(out), str(err)))
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            with contextlib.suppress(ProcessLookupError):  # ended meanwhile
                os.kill(process.pid, signal.SIGUSR1)
            process.join(STACKS_WRITTEN)
            process.kill()
            process.join()
            raise CommandTimeout([program, *argv], timeout, _read(out), _read(err))
        return subprocess.CompletedProcess([program, *argv], process.exitcode, _read(out),
                                           _read(err))


class CommandTimeout(subprocess.TimeoutExpired):
    """A command killed at its time limit, which says what it wrote last (its threads' stacks
    among it, see `_command`)."""

    def __str__(self) -> str:
        return f"{super().__str__()}; its stderr ended:\n{(self.stderr or '')[-4000:]}"


def _read(path: Path) -> str:
    """What the command wrote, as `subprocess.run(text=True)` gives it."""
    return path.read_text(encoding="utf-8", errors="replace")
