"""izhiscope: Izhikevich's (2003) spiking network from Python.

A thin layer (ctypes from the standard library, NumPy) over libizhiscope, the
izhiscope program's own model code (include/izhiscope.h): the spikes, trace
and rates of a run equal those `izhiscope --headless` writes with the same
options, bit for bit. Keywords are the program's long options with '-' as
'_' (noise_e=... for --noise-e); their ranges and messages are the
program's. docs/library.md has the whole story.

    import izhiscope
    r = izhiscope.run(seed=1, duration_ms=2000, noise_e=6.0)
    r.spike_times_ms, r.spike_ids       # NumPy arrays, in the --spikes CSV's order
    r.measures["gamma_hz"]              # every --stats number, keyed as the sweep CSV

    net = izhiscope.Network(seed=1)
    for sigma in (3.0, 5.0, 7.0):
        net.set(noise_e=sigma)
        s = net.step(1000)              # the spikes, trace and rates of these 1000 ms

    table = izhiscope.sweep("noise-e=2:8:1", seeds=2)     # the --sweep-out CSV as columns
    spikes = izhiscope.read_spikes("run.csv")            # every format --replay reads

The shared library is found at $IZHISCOPE_LIB if set, else where `make
install` put it, else relative to this file (an installed tree moved, or the
source tree's build/), else by the system's loader.
"""

import ctypes
import numbers
import os
import re
import threading

import numpy as np

__all__ = ["run", "Network", "Result", "Steps", "sweep", "read_spikes", "Spikes", "Error", "version",
           "parameters", "measure_names"]


class Error(RuntimeError):
    """A failure of the library that is not a bad argument: a file that
    cannot be read or is malformed, memory that is short."""


# ---- the library ---------------------------------------------------------------

_SONAME = "libizhiscope.so.0"


def _candidates():
    env = os.environ.get("IZHISCOPE_LIB")
    if env:
        yield env
        return
    try:
        from . import _libpath          # written by make install
        yield _libpath.LIB
    except ImportError:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    # PREFIX/lib/python3*/dist-packages/izhiscope -> PREFIX/lib
    yield os.path.join(here, "..", "..", "..", _SONAME)
    # the source tree: python/izhiscope -> build/
    yield os.path.join(here, "..", "..", "build", _SONAME)
    yield _SONAME


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (no such file)")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("izhiscope: cannot load libizhiscope; tried: " + "; ".join(tried) +
                      ". Set IZHISCOPE_LIB to the library's path.")


_lib = _load()


class _Err(ctypes.Structure):
    _fields_ = [("message", ctypes.c_char * 1024)]


_c = ctypes
_P = _c.c_void_p
_sigs = {
    "izhi_version": (_c.c_char_p, []),
    "izhi_params_new": (_P, []),
    "izhi_params_free": (None, [_P]),
    "izhi_params_set": (_c.c_int, [_P, _c.c_char_p, _c.c_char_p, _c.POINTER(_Err)]),
    "izhi_param_name": (_c.c_char_p, [_c.c_int]),
    "izhi_net_create": (_P, [_P, _c.POINTER(_Err)]),
    "izhi_net_destroy": (None, [_P]),
    "izhi_net_step": (_c.c_int, [_P, _c.c_int64, _c.POINTER(_Err)]),
    "izhi_net_time": (_c.c_int64, [_P]),
    "izhi_net_neurons": (_c.c_int, [_P]),
    "izhi_net_excitatory": (_c.c_int, [_P]),
    "izhi_net_spikes": (_c.c_size_t, [_P, _c.POINTER(_c.POINTER(_c.c_int64)), _c.POINTER(_c.POINTER(_c.c_int32))]),
    "izhi_net_trace": (_c.c_int64, [_P, _c.POINTER(_c.POINTER(_c.c_float))]),
    "izhi_net_trace_neurons": (_c.c_int64, [_P, _c.POINTER(_c.POINTER(_c.c_int32))]),
    "izhi_net_rates": (_c.c_int64, [_P, _c.POINTER(_c.POINTER(_c.c_double)), _c.POINTER(_c.POINTER(_c.c_double))]),
    "izhi_net_set": (_c.c_int, [_P, _c.c_char_p, _c.c_char_p, _c.POINTER(_Err)]),
    "izhi_measure_count": (_c.c_int, []),
    "izhi_measure_name": (_c.c_char_p, [_c.c_int]),
    "izhi_net_measures": (_c.c_int, [_P, _c.POINTER(_c.c_double), _c.c_int, _c.POINTER(_Err)]),
    "izhi_run": (_P, [_P, _c.POINTER(_Err)]),
    "izhi_sweep_run": (_P, [_P, _c.c_char_p, _c.c_int, _c.POINTER(_Err)]),
    "izhi_sweep_free": (None, [_P]),
    "izhi_sweep_rows": (_c.c_int64, [_P]),
    "izhi_sweep_header": (_c.c_char_p, [_P]),
    "izhi_sweep_line": (_c.c_int, [_P, _c.c_int64, _c.c_char_p, _c.c_size_t]),
    "izhi_read_spikes": (_P, [_c.c_char_p, _c.c_char_p, _c.c_char_p, _c.c_int, _c.POINTER(_Err)]),
    "izhi_spikes_free": (None, [_P]),
    "izhi_spikes_get": (_c.c_size_t, [_P, _c.POINTER(_c.POINTER(_c.c_int64)), _c.POINTER(_c.POINTER(_c.c_int32))]),
    "izhi_spikes_neurons": (_c.c_int, [_P]),
    "izhi_spikes_excitatory": (_c.c_int, [_P]),
    "izhi_spikes_duration": (_c.c_int64, [_P]),
    "izhi_spikes_describe": (_c.c_char_p, [_P]),
    "izhi_spikes_read_trace": (_c.c_int, [_P, _c.c_char_p, _c.POINTER(_Err)]),
    "izhi_spikes_trace": (_c.c_int64, [_P, _c.POINTER(_c.POINTER(_c.c_float)), _c.POINTER(_c.c_int)]),
}
for _name, (_res, _args) in _sigs.items():
    _f = getattr(_lib, _name)
    _f.restype = _res
    _f.argtypes = _args


def version():
    """The library's version."""
    return _lib.izhi_version().decode()


# ---- parameters: the options' names and the kinds of value they take ---------

# The kind of each option's value (the names themselves come from the library).
_KINDS = {
    "neurons": "int", "in-degree": "int", "seed": "int", "scheme": "word", "noise-e": "real", "noise-i": "real",
    "weight-e": "real", "weight-i": "real", "current-e": "real", "current-i": "real", "stim-neurons": "range",
    "stim-amp": "real", "stim-width": "int", "stim-period": "int", "stim-on": "flag", "threads": "int",
    "trace-neuron": "int", "duration": "int",
}


def _c_names():
    out, i = [], 0
    while True:
        n = _lib.izhi_param_name(i)
        if n is None:
            return out
        out.append(n.decode())
        i += 1


_OPTION_NAMES = _c_names()
if set(_OPTION_NAMES) != set(_KINDS):
    raise ImportError("izhiscope: this module (%s) does not match the library's parameters (%s)"
                      % (sorted(_KINDS), sorted(_OPTION_NAMES)))


def parameters():
    """The keyword names run(), Network() and sweep() take (duration_ms is
    --duration; each is its long option with '-' as '_')."""
    return [n.replace("-", "_") if n != "duration" else "duration_ms" for n in _OPTION_NAMES]


def _pyname(option):
    return "duration_ms" if option == "duration" else option.replace("-", "_")


def _pymessage(msg):
    """The library's message with the options named as this module's keywords."""
    return re.sub(r"--([a-z][a-z-]*)", lambda m: _pyname(m.group(1)), msg)


def _option_of(key):
    if key in ("duration_ms", "duration"):
        return "duration"
    return key.replace("_", "-")


def _text(key, kind, value):
    """The text the option reads for value, or TypeError naming key."""
    def bad(want):
        return TypeError("%s: expected %s, got %s" % (key, want, type(value).__name__))
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise bad("an integer")
        return str(int(value))
    if kind == "real":
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise bad("a number")
        return repr(float(value))
    if kind == "flag":
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, numbers.Integral):
            return str(int(value))
        raise bad("a bool")
    if kind == "word":
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if kind == "range":
        if isinstance(value, str):
            return value
        if isinstance(value, (tuple, list)) and len(value) == 2 and all(
                isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in value):
            return "%d-%d" % (int(value[0]), int(value[1]))
        raise bad("a pair (FROM, TO) of integers or 'FROM-TO'")
    raise AssertionError(kind)


def _bytes(key, text):
    if "\0" in text:
        raise ValueError("%s: %r holds a NUL character" % (key, text))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("%s: %r is not valid text" % (key, text)) from None


def _unknown(where, key):
    """TypeError for an unknown keyword, with the library's nearest name."""
    err = _Err()
    p = _lib.izhi_params_new()
    try:
        name = _bytes(key, _option_of(key)) if isinstance(key, str) else b"?"
        _lib.izhi_params_set(p, name, b"0", ctypes.byref(err))
    except ValueError:
        err.message = b""
    finally:
        _lib.izhi_params_free(p)
    msg = err.message.decode(errors="replace")
    m = re.search(r"did you mean ([a-z-]+)\?", msg)
    hint = " (did you mean %s?)" % _pyname(m.group(1)) if m else ""
    return TypeError("%s() got an unexpected keyword argument %r%s; the parameters: %s"
                     % (where, key, hint, ", ".join(parameters())))


class _Params:
    """A library IzhiParams (heap) set keyword by keyword through the
    program's option parser."""

    def __init__(self, where, kw):
        self.p = _lib.izhi_params_new()
        if not self.p:
            raise MemoryError("izhiscope: out of memory")
        for key, value in kw.items():
            self.set(where, key, value)

    def set(self, where, key, value):
        option = _option_of(key)
        if option not in _KINDS or (key != _pyname(option) and key != "duration"):
            raise _unknown(where, key)
        text = _text(key, _KINDS[option], value)
        err = _Err()
        if _lib.izhi_params_set(self.p, option.encode(), _bytes(key, text), ctypes.byref(err)) != 0:
            raise ValueError(_pymessage(err.message.decode(errors="replace")))

    def __del__(self):
        p, self.p = getattr(self, "p", None), None
        if p:
            _lib.izhi_params_free(p)


def _array(ptr, n, dtype):
    if n <= 0 or not ptr:
        return np.empty(0, dtype=dtype)
    return np.ctypeslib.as_array(ptr, shape=(n,)).astype(dtype, copy=True)


_MEASURES = [_lib.izhi_measure_name(i).decode() for i in range(_lib.izhi_measure_count())]


def measure_names():
    """The measures' names (the keys of Result.measures)."""
    return list(_MEASURES)


def _create_error(msg):
    msg = _pymessage(msg)
    if msg.startswith("cannot build") or msg.startswith("out of memory"):
        return MemoryError(msg)
    return ValueError(msg)


class Steps:
    """What a number of 1 ms steps produced: spike_times_ms (int64) and
    spike_ids (int32) in the --spikes CSV's order; trace_t_ms, trace_v (the
    traced neuron's v in mV after each ms, float32, --trace's values) and
    trace_neuron; rate_t_ms, rate_e_hz, rate_i_hz (--rate's 1 ms bins)."""

    def __init__(self, handle, t0):
        t = ctypes.POINTER(ctypes.c_int64)()
        i = ctypes.POINTER(ctypes.c_int32)()
        n = _lib.izhi_net_spikes(handle, ctypes.byref(t), ctypes.byref(i))
        self.spike_times_ms = _array(t, n, np.int64)
        self.spike_ids = _array(i, n, np.int32)
        v = ctypes.POINTER(ctypes.c_float)()
        steps = _lib.izhi_net_trace(handle, ctypes.byref(v))
        self.trace_v = _array(v, steps, np.float32)
        tn = ctypes.POINTER(ctypes.c_int32)()
        _lib.izhi_net_trace_neurons(handle, ctypes.byref(tn))
        self.trace_neuron = _array(tn, steps, np.int32)
        e = ctypes.POINTER(ctypes.c_double)()
        ii = ctypes.POINTER(ctypes.c_double)()
        _lib.izhi_net_rates(handle, ctypes.byref(e), ctypes.byref(ii))
        self.rate_e_hz = _array(e, steps, np.float64)
        self.rate_i_hz = _array(ii, steps, np.float64)
        self.trace_t_ms = np.arange(t0, t0 + steps, dtype=np.int64)
        self.rate_t_ms = self.trace_t_ms


class Result(Steps):
    """A whole run (run()): Steps's arrays, and measures, every number
    --stats prints keyed as the sweep CSV's columns (then the others;
    measure_names()), unrounded, NaN where --stats has none; params, the
    keywords it ran with."""

    def __init__(self, handle, params):
        super().__init__(handle, 0)
        self.measures = _measures(handle)
        self.params = params


def _measures(handle):
    out = (ctypes.c_double * len(_MEASURES))()
    err = _Err()
    if _lib.izhi_net_measures(handle, out, len(_MEASURES), ctypes.byref(err)) != 0:
        raise MemoryError(err.message.decode(errors="replace"))
    return {name: float(x) for name, x in zip(_MEASURES, out)}


def run(**kw):
    """Simulates a network for duration_ms (default 1000) as `izhiscope
    --headless` with the same options does, and returns a Result."""
    p = _Params("run", kw)
    err = _Err()
    h = _lib.izhi_run(p.p, ctypes.byref(err))
    if not h:
        raise _create_error(err.message.decode(errors="replace"))
    try:
        return Result(h, dict(kw))
    finally:
        _lib.izhi_net_destroy(h)


class Network:
    """A network stepped from Python: step(ms) returns Steps; set(**kw)
    changes the live parameters (noise_e, noise_i, weight_e, weight_i,
    current_e, current_i, stim_on, stim_neurons, trace_neuron) from the next
    step on; measures() is run()'s dict over everything stepped so far.
    One thread at a time uses a Network (others wait)."""

    def __init__(self, **kw):
        if "duration_ms" in kw or "duration" in kw:
            raise TypeError("Network() takes no duration_ms: step(ms) says how long")
        p = _Params("Network", kw)
        err = _Err()
        self._lock = threading.Lock()
        self._h = _lib.izhi_net_create(p.p, ctypes.byref(err))
        if not self._h:
            raise _create_error(err.message.decode(errors="replace"))
        self.neurons = _lib.izhi_net_neurons(self._h)
        self.excitatory = _lib.izhi_net_excitatory(self._h)

    def _handle(self):
        if not getattr(self, "_h", None):
            raise ValueError("this Network is closed")
        return self._h

    @property
    def time_ms(self):
        """The time of the next step, ms."""
        with self._lock:
            return _lib.izhi_net_time(self._handle())

    def step(self, ms):
        """Steps ms 1 ms steps; returns their Steps."""
        if isinstance(ms, bool) or not isinstance(ms, numbers.Integral):
            raise TypeError("ms: expected an integer, got %s" % type(ms).__name__)
        ms = int(ms)
        with self._lock:
            h = self._handle()
            if not -2**63 <= ms < 2**63:
                raise ValueError("ms: %d is out of range (0 ... 1000000000)" % ms)
            t0 = _lib.izhi_net_time(h)
            err = _Err()
            if _lib.izhi_net_step(h, ms, ctypes.byref(err)) != 0:
                msg = err.message.decode(errors="replace")
                raise (ValueError if msg.startswith("ms:") else MemoryError)(msg)
            return Steps(h, t0)

    def set(self, **kw):
        """Changes live parameters from the next step on (all checked first)."""
        texts = []
        for key, value in kw.items():
            option = _option_of(key)
            if option not in _KINDS or key != _pyname(option):
                raise _unknown("set", key)
            texts.append((key, option, _bytes(key, _text(key, _KINDS[option], value))))
        with self._lock:
            h = self._handle()
            for key, option, text in texts:
                err = _Err()
                if _lib.izhi_net_set(h, option.encode(), text, ctypes.byref(err)) != 0:
                    raise ValueError(_pymessage(err.message.decode(errors="replace")))

    def measures(self):
        """Every --stats number over everything stepped so far (run()'s dict)."""
        with self._lock:
            return _measures(self._handle())

    def close(self):
        """Frees the network (also done when it is garbage)."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            h, self._h = getattr(self, "_h", None), None
            if h:
                _lib.izhi_net_destroy(h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


def _sweep_text(spec):
    if isinstance(spec, str):
        return spec
    if isinstance(spec, dict):
        parts = []
        for key, axis in spec.items():
            if not isinstance(key, str):
                raise TypeError("sweep: its keys are parameter names, got %s" % type(key).__name__)
            if not (isinstance(axis, (tuple, list)) and len(axis) == 3 and
                    all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in axis)):
                raise TypeError("sweep: %s: expected (FROM, TO, STEP) numbers" % key)
            parts.append("%s=%s:%s:%s" % (_option_of(key), repr(float(axis[0])), repr(float(axis[1])),
                                          repr(float(axis[2]))))
        return ",".join(parts)
    raise TypeError("sweep: expected 'NAME=FROM:TO:STEP[,...]' or {name: (FROM, TO, STEP)}, got %s"
                    % type(spec).__name__)


def sweep(spec, seeds=1, **kw):
    """The map: spec as --sweep's text ("noise-e=2:8:1[,noise-i=...]") or
    {"noise_e": (2, 8, 1)}, seeds seeds from seed, each run duration_ms
    (default 3200) long, on threads threads. Returns the --sweep-out CSV's
    table: {column: NumPy array}, the values as the CSV writes them (NaN
    where it is empty; seed as uint64)."""
    text = _sweep_text(spec)
    if isinstance(seeds, bool) or not isinstance(seeds, numbers.Integral):
        raise TypeError("seeds: expected an integer, got %s" % type(seeds).__name__)
    if not -2**31 <= int(seeds) < 2**31:
        raise ValueError("seeds: %d is out of range (1 ... 1000)" % int(seeds))
    p = _Params("sweep", kw)
    err = _Err()
    h = _lib.izhi_sweep_run(p.p, _bytes("sweep", text), int(seeds), ctypes.byref(err))
    if not h:
        msg = _pymessage(err.message.decode(errors="replace"))
        raise (MemoryError if "memory" in msg else ValueError)(msg)
    try:
        header = _lib.izhi_sweep_header(h).decode().split(",")
        rows = _lib.izhi_sweep_rows(h)
        buf = ctypes.create_string_buffer(1024)
        cols = [[] for _ in header]
        for r in range(rows):
            if _lib.izhi_sweep_line(h, r, buf, len(buf)) < 0:
                raise Error("sweep: row %d cannot be read" % r)
            for c, x in zip(cols, buf.value.decode().split(",")):
                c.append(x)
        table = {}
        for name, c in zip(header, cols):
            if name == "seed":
                table[name] = np.array([int(x) for x in c], dtype=np.uint64)
            else:
                table[name] = np.array([float(x) if x else np.nan for x in c], dtype=np.float64)
        return table
    finally:
        _lib.izhi_sweep_free(h)


class Spikes:
    """A spike file read as --replay reads it: spike_times_ms (int64) and
    spike_ids (int32), sorted by time then neuron; neurons, excitatory and
    duration_ms from its comment lines (0, -1, 0 when it has none);
    describe, what was read and how it was known; with a trace file,
    trace_v (v at each ms from 0, float32, NaN where it has none) and
    trace_neuron (its neuron column's, when one throughout, else -1)."""

    def __init__(self, h):
        t = ctypes.POINTER(ctypes.c_int64)()
        i = ctypes.POINTER(ctypes.c_int32)()
        n = _lib.izhi_spikes_get(h, ctypes.byref(t), ctypes.byref(i))
        self.spike_times_ms = _array(t, n, np.int64)
        self.spike_ids = _array(i, n, np.int32)
        self.neurons = _lib.izhi_spikes_neurons(h)
        self.excitatory = _lib.izhi_spikes_excitatory(h)
        self.duration_ms = _lib.izhi_spikes_duration(h)
        self.describe = _lib.izhi_spikes_describe(h).decode(errors="replace")
        v = ctypes.POINTER(ctypes.c_float)()
        who = ctypes.c_int(-1)
        n = _lib.izhi_spikes_trace(h, ctypes.byref(v), ctypes.byref(who))
        self.trace_v = _array(v, n, np.float32)
        self.trace_neuron = who.value


def _path(key, path):
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if isinstance(path, bytes):
        if b"\0" in path:
            raise ValueError("%s: %r holds a NUL byte" % (key, path))
        return path
    if isinstance(path, str):
        if "\0" in path:
            raise ValueError("%s: %r holds a NUL character" % (key, path))
        return os.fsencode(path)
    raise TypeError("%s: expected a str, bytes or os.PathLike, got %s" % (key, type(path).__name__))


def read_spikes(path, format=None, time_unit=None, first_id=None, trace=None):
    """Reads a spike file (izhiscope's CSV, Brian2's text or .npz, NEST's,
    SONATA .h5) as --replay does; format, time_unit and first_id are
    --replay-format's, --replay-time-unit's and --replay-first-id's, trace
    --replay-trace's (an izhiscope trace CSV). A file that cannot be read or
    is malformed raises Error with the reader's message (file and line)."""
    bpath = _path("path", path)
    btrace = None if trace is None else _path("trace", trace)
    for key, value in (("format", format), ("time_unit", time_unit)):
        if value is not None and not isinstance(value, str):
            raise TypeError("%s: expected a string, got %s" % (key, type(value).__name__))
    if first_id is not None and (isinstance(first_id, bool) or not isinstance(first_id, numbers.Integral)):
        raise TypeError("first_id: expected an integer, got %s" % type(first_id).__name__)
    fid = -1 if first_id is None else int(first_id)
    if not 0 <= fid < 2**31 and first_id is not None:
        raise ValueError("first_id: %d is out of range (0 ... 1000000)" % fid)
    err = _Err()
    h = _lib.izhi_read_spikes(bpath, _bytes("format", format) if format else None,
                              _bytes("time_unit", time_unit) if time_unit else None, fid, ctypes.byref(err))
    if not h:
        msg = err.message.decode(errors="replace")
        if msg.startswith("--replay-format") or msg.startswith("--replay-time-unit") or \
                msg.startswith("--replay-first-id") or msg.startswith("--replay:"):
            msg = msg.replace("--replay-format", "format").replace("--replay-time-unit", "time_unit") \
                     .replace("--replay-first-id", "first_id").replace("--replay", "path")
            raise ValueError(msg)
        raise Error(msg)
    try:
        if btrace is not None and _lib.izhi_spikes_read_trace(h, btrace, ctypes.byref(err)) != 0:
            raise Error(err.message.decode(errors="replace"))
        return Spikes(h)
    finally:
        _lib.izhi_spikes_free(h)
