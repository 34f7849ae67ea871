"""Many reports at once: in order, in parallel processes, one failure never stopping the rest.

Every file is read under the limits of ``Options``: ``timeout`` (seconds; SIGALRM in the process
reading it, and with worker processes a hard stop: a worker that overruns is killed and replaced)
and ``max_memory`` (bytes of address space the reading of one file may add, enforced with
``RLIMIT_AS``, so a decompression bomb ends in a MemoryError for that file, not in the OOM killer).
A worker process that dies (a crash in a C library, the OOM killer) is an error for the file it was
reading; the batch goes on with a new worker.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
import time
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for
from pathlib import Path

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None

from .errors import ExtractError
from .inputs import DEFAULT_PATTERNS, Missing, expand
from .readers.pdf import DEFAULT_ENGINE
from .report import Report



@dataclass(frozen=True)
class Options:
    """What every file of a batch is read with (picklable, for worker processes)."""

    pages: frozenset[int] | None = None
    max_pages: int | None = None
    max_bytes: int | None = None
    engine: str = DEFAULT_ENGINE
    timeout: float | None = None
    debug: bool = False
    max_memory: int | None = None  # bytes of address space one file may add (RLIMIT_AS); None: no limit


@dataclass
class Result:
    path: str
    report: Report | None = None
    error: str | None = None  # one-line reason, without the path
    format: str | None = None
    detail: str | None = field(default=None, repr=False)  # traceback, with --debug
    analysis: object | None = field(default=None, repr=False)  # pipeline.Analysis, for --text/--explain

    @property
    def ok(self) -> bool:
        return self.error is None


class _Timeout(BaseException):
    """Raised by SIGALRM. A BaseException, so no ``except Exception`` in a reader (which skips a page
    that fails) can swallow it and carry on past the deadline."""


def _on_alarm(signum, frame):
    raise _Timeout()


def run_one(path: str | Missing, options: Options, data: bytes | None = None, keep_analysis: bool = False) -> Result:
    """Extract one input, turning every failure into a Result with a one-line error."""
    if isinstance(path, Missing):
        return Result(path=path.path, error=path.reason)
    fmt = _format_of(path)
    try:
        with _deadline(options.timeout):
            return _read(path, options, data, keep_analysis, fmt)
    except _Timeout:
        return Result(path=path, error=_timed_out(options.timeout), format=fmt)


def _read(path: str, options: Options, data: bytes | None, keep_analysis: bool, fmt: str) -> Result:
    from .pipeline import analyse

    with _memory_limit(options.max_memory) as limit:
        try:
            source = data if data is not None else Path(path)  # always a path, never mistaken for text
            analysis = analyse(source, name=path, pages=set(options.pages) if options.pages else None,
                               max_pages=options.max_pages, max_bytes=options.max_bytes, engine=options.engine)
            report = analysis.report
            if limit and any(w.startswith("page ") and _OUT_OF_MEMORY.search(w) for w in report.warnings):
                return Result(path=path, error=_over_memory(limit), format=report.source.format)
            return Result(path=path, report=report, format=report.source.format,
                          analysis=analysis if keep_analysis else None)
        except ExtractError as error:
            # A failed allocation that a reader reported as damage ("not a valid PDF: Unable to allocate
            # output buffer", a skipped page above) is the limit; say so.
            reason = _over_memory(limit) if limit and _OUT_OF_MEMORY.search(error.reason) else error.reason
            return Result(path=path, error=reason, format=fmt)
        except RecursionError:
            return Result(path=path, error="structure nested too deeply to read", format=fmt)
        except MemoryError:
            return Result(path=path, error=_over_memory(limit) if limit else "out of memory while reading",
                          format=fmt)
        except Exception as exc:  # a bug of ours: keep going, say what happened, keep the traceback for --debug
            message = " ".join(str(exc).split())[:200]
            return Result(path=path, error=f"internal error: {type(exc).__name__}: {message}", format=fmt,
                          detail=traceback.format_exc() if options.debug else None)


def _format_of(path: str) -> str:
    return "pdf" if str(path).lower().endswith(".pdf") else "text"


def _timed_out(timeout: float | None) -> str:
    return f"timed out after {timeout:g} s (--timeout)"


# What a failed allocation looks like once a reader has turned it into a message.
_OUT_OF_MEMORY = re.compile(r"\bMemoryError\b|unable to allocate|cannot allocate|out of memory|insufficient memory",
                            re.IGNORECASE)


def _over_memory(limit: int) -> str:
    return f"needs more than the --max-memory limit of {format_size(limit)} (a decompression bomb?)"


def format_size(size: int) -> str:
    for unit, scale in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:g} {unit}" if size % scale == 0 else f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


@contextmanager
def _deadline(seconds: float | None):
    """Raise _Timeout in this thread after ``seconds`` (main thread of a POSIX process only)."""
    if not seconds or not hasattr(signal, "setitimer") or not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(budget: int | None):
    """Let the process grow by at most ``budget`` bytes of address space (RLIMIT_AS) while reading;
    yields the budget in force, or None. Only in the main thread: the limit is per process, and other
    threads (a Dask worker's tasks) must not feel it."""
    limits = _lower_address_space(budget) if budget and resource is not None and _in_main_thread() else None
    try:
        yield budget if limits else None
    finally:
        if limits:
            resource.setrlimit(resource.RLIMIT_AS, limits)


def _lower_address_space(budget: int) -> tuple[int, int] | None:
    """Set the soft RLIMIT_AS to the current size + ``budget``; the previous limits, or None if not set."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm", "rb") as handle:
            used = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = used + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft != resource.RLIM_INFINITY and soft <= limit:
            return None  # already as strict
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return soft, hard
    except (OSError, ValueError, IndexError):  # no /proc (not Linux), or limits we may not change
        return None


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def extract_many(inputs: Iterable[str | os.PathLike], *, jobs: int | None = None, recursive: bool = False,
                 patterns: tuple[str, ...] = DEFAULT_PATTERNS, dask: str | None = None, **options) -> Iterator[Result]:
    """Read many reports; yield a Result per file, in a stable sorted order, whatever ``jobs`` is.

    ``inputs`` are files, directories (their ``*.pdf``/``*.txt``; ``recursive`` for subdirectories) or
    glob patterns. ``jobs`` worker processes (default: the CPUs; 1 reads in-process), or a Dask
    cluster at ``dask`` (an address such as ``tcp://scheduler:8786``). ``options`` are those of
    ``extract`` plus ``timeout`` (seconds per file) and ``max_memory`` (bytes per file). A file that
    fails gives a Result with ``error``.
    """
    paths = expand([os.fspath(p) for p in inputs], recursive, patterns)
    return run_many(paths, Options(**{k: (frozenset(v) if k == "pages" and v else v) for k, v in options.items()}),
                    jobs=jobs or default_jobs(), dask=dask)


def run_many(paths: Iterable[str | Missing], options: Options, jobs: int = 1,
             stdin_data: bytes | None = None, dask: str | None = None) -> Iterator[Result]:
    """Results in input order; with jobs > 1 files are read in worker processes (or on a Dask cluster).

    Only a bounded window of files is in flight, so memory stays flat on a large archive. Closing the
    iterator early (Ctrl-C) stops the workers: files not yet printed are dropped.
    """
    paths = list(paths)
    files = [p for p in paths if not _local(p)]
    if dask:
        yield from _ordered(paths, options, stdin_data, _dask_submitter(dask, options), window=64)
        return
    # One file is read in-process, unless a timeout must be enforceable by killing a worker.
    if jobs <= 1 or not files or (len(files) == 1 and not options.timeout):
        for path in paths:
            yield run_one(path, options, stdin_data if path == "-" else None)
        return
    yield from _in_processes(paths, options, min(jobs, len(files)), stdin_data)


def _local(path: str | Missing) -> bool:
    return path == "-" or isinstance(path, Missing)


# -- worker processes ---------------------------------------------------------------------------------
def _hard_limit(timeout: float | None) -> float | None:
    """Seconds after which a worker still reading a file is killed: the soft timeout (SIGALRM, which a
    long call into C cannot see) plus time to unwind."""
    return timeout + max(2.0, 0.1 * timeout) if timeout else None


class _Worker:
    """A process that reads one file at a time, sent over a pipe."""

    def __init__(self, context, options: Options):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, options, os.getpid()), daemon=True,
                                       name="sitrep-extract-worker")
        self.process.start()
        child.close()
        self.job: tuple[int, str, float] | None = None  # (index, path, started)

    def give(self, index: int, path: str) -> bool:
        try:
            self.conn.send((index, path))
        except (OSError, ValueError):
            return False
        self.job = (index, path, time.monotonic())
        return True

    def receive(self) -> tuple[int, Result] | None:
        """The finished (index, result), or None if the process died without sending one."""
        try:
            if self.conn.poll():
                return self.conn.recv()
        except (EOFError, OSError):
            pass
        return None

    def death(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is None:
            return "the reading process stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = " — out of memory?" if -code == signal.SIGKILL else ""
            return f"the reading process was killed by {name}{hint}"
        return f"the reading process exited with status {code}"

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                kill = True
        if not kill:
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


def _worker_main(conn, options: Options, parent: int) -> None:
    # The parent decides about Ctrl-C and SIGTERM: workers finish their file or are killed by it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent)
    # Output still buffered in the parent when it forked must not be written twice.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path = job
        result = run_one(path, options)
        try:
            conn.send((index, result))
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # a result that cannot be pickled or is too large to send
            conn.send((index, Result(path=path, error=f"internal error: result not passed back ({type(exc).__name__})",
                                     format=result.format)))


def _die_with_parent(parent: int) -> None:
    """Linux: end this worker when the parent dies (killed by a second Ctrl-C) instead of reading on."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux
        return
    if os.getppid() != parent:
        os._exit(0)


def _in_processes(paths: list[str | Missing], options: Options, jobs: int, stdin_data: bytes | None
                  ) -> Iterator[Result]:
    """Read ``paths`` in ``jobs`` worker processes; yield the results in input order.

    At most ``2 * jobs`` files are handed out beyond the one to print next. A worker that dies is an
    error for its file, one past the hard timeout is killed; either way a new one takes its place.
    """
    context = multiprocessing.get_context()
    window = 2 * jobs
    hard = _hard_limit(options.timeout)
    done: dict[int, Result] = {}
    workers: list[_Worker] = []
    handed = printed = 0
    try:
        while printed < len(paths):
            # hand out files to idle (or new) workers
            while handed < len(paths) and handed < printed + window:
                if _local(paths[handed]):
                    handed += 1  # read in this process when its turn comes
                    continue
                worker = next((w for w in workers if w.job is None), None)
                fresh = worker is None and len(workers) < jobs
                if fresh:
                    worker = _Worker(context, options)
                    workers.append(worker)
                if worker is None:
                    break
                if not worker.give(handed, paths[handed]):  # it died while idle: a new one takes over
                    workers.remove(worker)
                    worker.stop(kill=True)
                    if not fresh:
                        continue
                    done[handed] = Result(path=paths[handed], error=f"could not start a reading process "
                                          f"({worker.death()})", format=_format_of(paths[handed]))
                handed += 1
            # print what is ready, in order
            head = paths[printed]
            if _local(head) or printed in done:
                yield (run_one(head, options, stdin_data if head == "-" else None) if _local(head)
                       else done.pop(printed))
                printed += 1
                continue
            # wait for a worker to finish, die or overrun
            busy = [w for w in workers if w.job is not None]
            now = time.monotonic()
            wait = max(0.0, min(w.job[2] + hard for w in busy) - now) if hard and busy else None
            ready = set(wait_for([w.conn for w in busy] + [w.process.sentinel for w in busy], wait))
            for worker in busy:
                index, path, started = worker.job
                if worker.conn in ready or worker.process.sentinel in ready:
                    answer = worker.receive()
                    if answer is not None:
                        done[answer[0]] = answer[1]
                        worker.job = None
                        continue
                    error = worker.death()
                elif hard and time.monotonic() >= started + hard:
                    error = _timed_out(options.timeout)
                else:
                    continue
                done[index] = Result(path=path, error=error, format=_format_of(path))
                workers.remove(worker)
                worker.stop(kill=True)
    finally:
        for worker in workers:
            worker.stop(kill=worker.job is not None)  # a file still being read is not waited for


def _ordered(paths: list[str | Missing], options: Options, stdin_data: bytes | None, submit, window: int
             ) -> Iterator[Result]:
    """Submit up to ``window`` files ahead and yield their results in input order (Dask)."""
    from collections import deque

    pending: deque[tuple[str | Missing, object | None]] = deque()
    queue = iter(paths)

    def push() -> bool:
        path = next(queue, None)
        if path is None:
            return False
        pending.append((path, None if _local(path) else submit(path)))
        return True

    while len(pending) < window and push():
        pass
    while pending:
        path, future = pending.popleft()
        yield run_one(path, options, stdin_data) if future is None else future.result()
        push()


def _dask_submitter(address: str, options: Options):
    """A function that submits one file to the Dask cluster at ``address`` (needs the `dask` extra)."""
    try:
        from distributed import Client
    except ImportError:
        raise ExtractError("--dask needs dask.distributed: pip install 'sitrep-extract[dask]'") from None
    try:
        client = Client(address, set_as_default=False, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ExtractError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    return lambda path: client.submit(run_one, path, options, pure=False)
