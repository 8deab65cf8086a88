"""Load PySide6 with a cache of the work its start-up repeats identically every time.

At ``import PySide6`` shiboken compiles the Python sources of its support package, which it carries
inside its library (14 modules), and those modules compile their regular expressions (16 patterns):
~190 million instructions, ~18 ms of every start on the 2-core build machine, more than the app's whole
first page. The results never change for one interpreter and one PySide6, so they are kept in the
user's cache folder, as Python keeps compiled modules in ``.pyc`` files:

- code objects (``marshal``, as in a ``.pyc``), keyed by file name, the source's length and CRC-32, and
  the ``__future__`` flags that ``compile`` takes over from its caller;
- the arguments CPython's ``re`` hands to ``_sre.compile`` (the compiled pattern), keyed by pattern
  and flags — recorded from that very call, so nothing of ``re`` is reimplemented here.

Only while PySide6 loads are ``builtins.compile`` and ``re._compiler.compile`` wrapped, and only calls
of that exact form are answered from the cache; everything else, and anything not cached yet, is
compiled as usual (and added). The file is named after the exact interpreter (``sys.hexversion``) and is
rewritten only when a start missed an entry or did not use one (a PySide6 update). A cache file that
cannot be read is ignored, one that cannot be written is not kept. ``FGD_NO_START_CACHE=1`` loads
PySide6 without it (tests/perf/bench_startup.py measures both ways).

Then PySide6's ``__feature__`` import hook is taken out again (``skip_feature_hook``): the app never
uses ``from __feature__ import ...`` (snake_case, true_property; tests/test_pyside_start.py checks), and
the hook ran Python code at every ``import`` statement executed after PySide6 loaded and read the
source of every module imported after it: ~17 million instructions of a start. PySide6's own lazy
import of its classes (the hook beneath it) stays.
"""

from __future__ import annotations
import __future__

import builtins
import marshal
import os
import sys
import zlib
from pathlib import Path
from re import _compiler as _re_compiler

from fgd_app.resources import user_cache_dir, write_cache_file

stats = {"hits": 0, "misses": 0}  # of the last load_pyside(), for the tests

# compile() compiles with the __future__ features of the code that calls it (unless told not to)
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag


def cache_path() -> Path:
    return user_cache_dir() / f"pyside-start.{sys.implementation.cache_tag}.{sys.hexversion:x}.marshal"


def load_pyside() -> None:
    """Import PySide6's QtCore, QtGui and QtWidgets, through the start-up cache when it is the first import."""
    if "shiboken6" in sys.modules or os.environ.get("FGD_NO_START_CACHE") == "1":  # loaded already, or off
        import PySide6.QtWidgets  # noqa: F401
    else:
        cache = _StartCache(cache_path())
        cache.install()
        try:
            import PySide6.QtWidgets  # noqa: F401 - QtCore and QtGui come with it
        finally:
            cache.uninstall()
        cache.save()
    skip_feature_hook()


def skip_feature_hook() -> None:
    """Put back the ``__import__`` PySide6 wrapped for ``from __feature__ import ...`` (unused here)."""
    hook, beneath = getattr(builtins, "__feature_import__", None), getattr(builtins, "__orig_import__", None)
    if hook is not None and beneath is not None and builtins.__import__ is hook:
        builtins.__import__ = beneath


class _StartCache:
    def __init__(self, path: Path):
        self.path = path
        self.code: dict[tuple, bytes] = {}
        self.patterns: dict[tuple, tuple] = {}
        try:
            code, patterns = marshal.loads(path.read_bytes())
            if isinstance(code, dict) and isinstance(patterns, dict):
                self.code, self.patterns = code, patterns
        except (OSError, EOFError, ValueError, TypeError):
            pass  # none yet, or unreadable: rebuilt below
        self.used_code: dict[tuple, bytes] = {}
        self.used_patterns: dict[tuple, tuple] = {}
        self.hits = self.misses = 0
        self._compile = builtins.compile
        self._compile_pattern = _re_compiler.compile
        self._sre = _re_compiler._sre

    def install(self) -> None:
        builtins.compile = self.compile_source
        _re_compiler.compile = self.compile_pattern
        stats.update(hits=0, misses=0)

    def uninstall(self) -> None:
        builtins.compile = self._compile
        _re_compiler.compile = self._compile_pattern
        stats.update(hits=self.hits, misses=self.misses)

    def save(self) -> None:
        if not self.hits and not self.misses:
            return  # nothing was compiled (PySide6 changed how it starts?): keep the file as it is
        if self.misses or len(self.used_code) < len(self.code) or len(self.used_patterns) < len(self.patterns):
            write_cache_file(self.path, marshal.dumps((self.used_code, self.used_patterns)))

    # --- builtins.compile(source, filename, "exec"), as shiboken's importer calls it ---------------------
    def compile_source(self, source, filename, mode, *args, **kwargs):
        if args or kwargs or mode != "exec" or not isinstance(source, bytes) or not isinstance(filename, str):
            return self._compile(source, filename, mode, *args, **kwargs)
        inherited = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS  # what the caller's compile() would take
        key = (filename, len(source), zlib.crc32(source), inherited)
        stored = self.code.get(key)
        if stored is not None:
            try:
                code = marshal.loads(stored)
                self.used_code[key] = stored
                self.hits += 1
                return code
            except (EOFError, ValueError, TypeError):
                pass
        code = self._compile(source, filename, mode, inherited, True)
        self.used_code[key] = marshal.dumps(code)
        self.misses += 1
        return code

    # --- re._compiler.compile(pattern, flags), as re.compile calls it on a miss of its own cache ---------
    def compile_pattern(self, pattern, flags=0):
        if not isinstance(pattern, str):
            return self._compile_pattern(pattern, flags)
        key = (pattern, int(flags))
        stored = self.patterns.get(key)
        if stored is not None:
            try:
                compiled = self._sre.compile(pattern, *stored)
                self.used_patterns[key] = stored
                self.hits += 1
                return compiled
            except (TypeError, ValueError, OverflowError, RuntimeError):
                pass
        recorder = _SreRecorder(self._sre)
        _re_compiler._sre = recorder
        try:
            compiled = self._compile_pattern(pattern, flags)
        finally:
            _re_compiler._sre = self._sre
        if recorder.arguments is not None and recorder.pattern == pattern:
            try:
                arguments = _plain(recorder.arguments)
                marshal.dumps(arguments)
                self.used_patterns[key] = arguments
            except (TypeError, ValueError):
                pass  # not storable: compiled again next time
        self.misses += 1
        return compiled


class _SreRecorder:
    """Stands in for ``_sre`` inside ``re._compiler`` and notes the arguments of ``compile``."""

    def __init__(self, sre):
        self._sre = sre
        self.pattern: str | None = None
        self.arguments: tuple | None = None

    def __getattr__(self, name: str):
        return getattr(self._sre, name)

    def compile(self, pattern, *arguments):
        self.pattern, self.arguments = pattern, arguments
        return self._sre.compile(pattern, *arguments)


def _plain(value):
    """Ints, strings, lists, tuples and dicts as their plain built-in types (``re`` uses int subclasses)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    raise TypeError(type(value).__name__)
