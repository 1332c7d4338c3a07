/* Per-sample kernels of accessnews/speech/loudness.py: a K-weighting meter and a look-ahead
 * true-peak limiter over 16-bit mono PCM.
 *
 * Why C: every sample of every article passes through both, and the writer must stay within
 * its speed targets. Pure Python costs 35-150 ns a sample (a 4-minute article is 5 million
 * samples); importing numpy costs 40-75 ms of a 200 ms render. These kernels cost a few ns a
 * sample, import in well under a millisecond and run without the GIL, beside synthesis.
 * Filter design, gating and the gain policy stay in Python (loudness.py).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------ K-weighting meter */

typedef struct {
    PyObject_HEAD
    double b[2][3], a[2][3]; /* two biquads: the high shelf, then the high-pass (a[i][0] = 1) */
    double z[2][2];          /* transposed direct form II state */
    double sum;              /* sum of squares of the current sub-block */
    Py_ssize_t filled, block;
} Meter;

static int Meter_init(Meter *self, PyObject *args, PyObject *kwds) {
    static char *names[] = {"coefficients", "block", NULL};
    PyObject *coefficients;
    Py_ssize_t block;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "On", names, &coefficients, &block)) return -1;
    PyObject *seq = PySequence_Fast(coefficients, "coefficients must be a sequence");
    if (seq == NULL) return -1;
    if (PySequence_Fast_GET_SIZE(seq) != 12 || block < 1) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "12 coefficients (b0 b1 b2 a0 a1 a2, twice), block >= 1");
        return -1;
    }
    for (int i = 0; i < 12; i++) {
        double value = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (value == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        if (i % 6 < 3) self->b[i / 6][i % 3] = value;
        else self->a[i / 6][i % 3] = value;
    }
    Py_DECREF(seq);
    memset(self->z, 0, sizeof self->z);
    self->sum = 0.0;
    self->filled = 0;
    self->block = block;
    return 0;
}

/* Filter `pcm` through both stages; append each finished sub-block's mean square to `out`. */
static Py_ssize_t meter_run(Meter *m, const int16_t *x, Py_ssize_t n, double *out) {
    Py_ssize_t done = 0;
    double z00 = m->z[0][0], z01 = m->z[0][1], z10 = m->z[1][0], z11 = m->z[1][1];
    double sum = m->sum;
    Py_ssize_t filled = m->filled;
    const double b00 = m->b[0][0], b01 = m->b[0][1], b02 = m->b[0][2];
    const double a01 = m->a[0][1], a02 = m->a[0][2];
    const double b10 = m->b[1][0], b11 = m->b[1][1], b12 = m->b[1][2];
    const double a11 = m->a[1][1], a12 = m->a[1][2];
    for (Py_ssize_t i = 0; i < n; i++) {
        /* The tiny offset keeps the filters' states out of subnormal numbers in silence
         * (20 times slower to compute); the high-pass takes it out again. */
        double in = x[i] / 32768.0 + 1e-20;
        double y = b00 * in + z00;
        z00 = b01 * in - a01 * y + z01;
        z01 = b02 * in - a02 * y;
        double w = b10 * y + z10;
        z10 = b11 * y - a11 * w + z11;
        z11 = b12 * y - a12 * w;
        sum += w * w;
        if (++filled == m->block) {
            out[done++] = sum / (double)filled;
            sum = 0.0;
            filled = 0;
        }
    }
    m->z[0][0] = z00, m->z[0][1] = z01, m->z[1][0] = z10, m->z[1][1] = z11;
    m->sum = sum;
    m->filled = filled;
    return done;
}

static PyObject *Meter_feed(Meter *self, PyObject *arg) {
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    Py_ssize_t n = view.len / 2;
    double *blocks = PyMem_RawMalloc(sizeof(double) * (size_t)(n / self->block + 2));
    if (blocks == NULL) {
        PyBuffer_Release(&view);
        return PyErr_NoMemory();
    }
    Py_ssize_t count;
    Py_BEGIN_ALLOW_THREADS
    count = meter_run(self, (const int16_t *)view.buf, n, blocks);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    PyObject *list = PyList_New(count);
    for (Py_ssize_t i = 0; list != NULL && i < count; i++) {
        PyObject *value = PyFloat_FromDouble(blocks[i]);
        if (value == NULL) Py_CLEAR(list);
        else PyList_SET_ITEM(list, i, value);
    }
    PyMem_RawFree(blocks);
    return list;
}

static PyMethodDef Meter_methods[] = {
    {"feed", (PyCFunction)Meter_feed, METH_O,
     "feed(pcm) -> mean squares of the K-weighted sub-blocks that `pcm` completes"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject MeterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "accessnews.speech._dsp.Meter",
    .tp_doc = "Meter(coefficients, block): K-weighted mean square per sub-block of 16-bit PCM",
    .tp_basicsize = sizeof(Meter),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Meter_init,
    .tp_methods = Meter_methods,
};

/* ------------------------------------------------------------- true-peak limiter */

#define PHASES 8 /* the true-peak estimate interpolates 8x (BS.1770-4 Annex 2 asks >= 4x) */
#define TAPS 32  /* per phase */
#define MAX_LOOKAHEAD 1024

/* A look-ahead limiter (the hold-then-average design): a true-peak estimate gives the gain
 * each sample needs; the gain is the minimum of those needs over the next `lookahead` samples
 * (released exponentially) averaged over `lookahead` samples, so it slides down before a peak
 * and is at most the need at the peak itself. Output is delayed by lookahead + TAPS/2. */
typedef struct {
    PyObject_HEAD
    double phase[PHASES][TAPS]; /* interpolation filter, phase k at offset k/PHASES */
    double ceiling;             /* linear, full scale 1.0 */
    double release;             /* per-sample recovery of the held gain towards 1 */
    int lookahead;
    double history[2 * TAPS];   /* gained input, twice, so that TAPS of it are contiguous */
    int history_at;
    double delay[MAX_LOOKAHEAD]; /* ring of the interpolation's centres waiting for a gain */
    int delay_at;
    long long now;                       /* samples seen */
    long long deque_when[MAX_LOOKAHEAD + 1]; /* ring: needs below 1 in the window, by time, */
    double deque_need[MAX_LOOKAHEAD + 1];    /* increasing (a monotonic deque) */
    int deque_head, deque_size;
    double held;                         /* released minimum */
    double average[MAX_LOOKAHEAD];       /* ring of held gains for the moving average */
    int average_at;
    double average_sum;
    long long counter;                   /* samples since the sum was last recomputed */
    double energy_in, energy_out;        /* sums of squares before and after limiting */
} Limiter;

static int Limiter_init(Limiter *self, PyObject *args, PyObject *kwds) {
    static char *names[] = {"interpolation", "ceiling", "lookahead", "release", NULL};
    PyObject *taps;
    double ceiling, release;
    int lookahead;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "Odid", names, &taps, &ceiling, &lookahead,
                                     &release))
        return -1;
    PyObject *seq = PySequence_Fast(taps, "interpolation must be a sequence");
    if (seq == NULL) return -1;
    if (PySequence_Fast_GET_SIZE(seq) != PHASES * TAPS || lookahead < 1 ||
        lookahead > MAX_LOOKAHEAD || !(ceiling > 0.0) || !(release > 0.0 && release < 1.0)) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError,
                        "PHASES * TAPS interpolation taps, 1 <= lookahead <= 1024, ceiling > 0, "
                        "0 < release < 1");
        return -1;
    }
    for (int i = 0; i < PHASES * TAPS; i++) {
        double value = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (value == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        self->phase[i / TAPS][i % TAPS] = value;
    }
    Py_DECREF(seq);
    self->ceiling = ceiling;
    self->release = release;
    self->lookahead = lookahead;
    memset(self->history, 0, sizeof self->history);
    self->history_at = 0;
    memset(self->delay, 0, sizeof self->delay);
    self->delay_at = 0;
    self->now = 0;
    self->deque_head = 0;
    self->deque_size = 0;
    self->held = 1.0;
    for (int i = 0; i < lookahead; i++) self->average[i] = 1.0;
    self->average_at = 0;
    self->average_sum = lookahead;
    self->counter = 0;
    self->energy_in = self->energy_out = 0.0;
    return 0;
}

/* The gain the centre of the history `h` (TAPS samples, oldest first) needs: ceiling over
 * its true-peak estimate (the sample, the next one and the PHASES - 1 points the
 * interpolation puts between them). */
static double needed_gain(const Limiter *l, const double *h) {
    double a = fabs(h[TAPS / 2 - 1]), b = fabs(h[TAPS / 2]);
    double peak = a > b ? a : b;
    /* A band-limited inter-sample peak does not reach twice its two neighbours: skip the
     * filter for the quiet majority of samples. */
    if (peak < 0.5 * l->ceiling) return 1.0;
    for (int k = 1; k < PHASES; k++) {
        double v = 0.0;
        for (int i = 0; i < TAPS; i++) v += l->phase[k][i] * h[i];
        v = fabs(v);
        if (v > peak) peak = v;
    }
    return peak > l->ceiling ? l->ceiling / peak : 1.0;
}

/* The minimum need of the last lookahead+1 samples, after adding this sample's `need`. */
static double window_minimum(Limiter *l, double need) {
    const int size = l->lookahead + 1;
    const long long now = l->now++;
    if (l->deque_size > 0 && l->deque_when[l->deque_head] <= now - size) {
        l->deque_head = l->deque_head + 1 == size ? 0 : l->deque_head + 1;
        l->deque_size--;
    }
    if (need < 1.0) { /* a need of 1 is never the minimum of a window holding any other */
        while (l->deque_size > 0) {
            int last = l->deque_head + l->deque_size - 1;
            if (last >= size) last -= size;
            if (l->deque_need[last] < need) break;
            l->deque_size--;
        }
        int slot = l->deque_head + l->deque_size;
        if (slot >= size) slot -= size;
        l->deque_when[slot] = now;
        l->deque_need[slot] = need;
        l->deque_size++;
    }
    return l->deque_size > 0 ? l->deque_need[l->deque_head] : 1.0;
}

static int16_t limiter_step(Limiter *l, double in) {
    int at = l->history_at;
    l->history[at] = l->history[at + TAPS] = in;
    l->history_at = at + 1 == TAPS ? 0 : at + 1;
    const double *h = l->history + l->history_at; /* TAPS samples, oldest first */
    double minimum = window_minimum(l, needed_gain(l, h));
    double held = l->held + (1.0 - l->held) * l->release;
    l->held = held = held < minimum ? held : minimum;
    /* Moving average of the held gain over lookahead samples. */
    l->average_sum += held - l->average[l->average_at];
    l->average[l->average_at] = held;
    if (++l->average_at == l->lookahead) l->average_at = 0;
    if (++l->counter >= 1 << 20) { /* bound the rounding drift of the running sum */
        double sum = 0.0;
        for (int i = 0; i < l->lookahead; i++) sum += l->average[i];
        l->average_sum = sum;
        l->counter = 0;
    }
    double gain = l->average_sum / l->lookahead;
    if (gain > 1.0) gain = 1.0;
    /* The centre that entered lookahead samples ago leaves with the gain found for it. */
    double delayed = l->delay[l->delay_at];
    double out = delayed * gain;
    l->energy_in += delayed * delayed;
    l->energy_out += out * out;
    l->delay[l->delay_at] = h[TAPS / 2 - 1];
    if (++l->delay_at == l->lookahead) l->delay_at = 0;
    double scaled = out * 32768.0;
    scaled = scaled > 32767.0 ? 32767.0 : scaled < -32768.0 ? -32768.0 : scaled;
    return (int16_t)lrint(scaled);
}

static PyObject *Limiter_process(Limiter *self, PyObject *args) {
    Py_buffer view;
    double start, end;
    if (!PyArg_ParseTuple(args, "y*dd", &view, &start, &end)) return NULL;
    Py_ssize_t n = view.len / 2;
    PyObject *result = PyBytes_FromStringAndSize(NULL, n * 2);
    if (result == NULL) {
        PyBuffer_Release(&view);
        return NULL;
    }
    const int16_t *x = (const int16_t *)view.buf;
    int16_t *y = (int16_t *)PyBytes_AS_STRING(result);
    Py_BEGIN_ALLOW_THREADS
    /* The gain glides from `start` to `end` across the samples. */
    double step = n > 0 ? (end - start) / (double)n : 0.0;
    double gain = start;
    for (Py_ssize_t i = 0; i < n; i++) {
        gain += step;
        y[i] = limiter_step(self, x[i] / 32768.0 * gain);
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return result;
}

static PyObject *Limiter_energies(Limiter *self, PyObject *unused) {
    (void)unused;
    return Py_BuildValue("dd", self->energy_in, self->energy_out);
}

static PyObject *Limiter_latency(Limiter *self, void *closure) {
    (void)closure;
    return PyLong_FromLong(self->lookahead + TAPS / 2);
}

static PyMethodDef Limiter_methods[] = {
    {"process", (PyCFunction)Limiter_process, METH_VARARGS,
     "process(pcm, start, end) -> `pcm` times a gain gliding from `start` to `end`, limited; "
     "as many samples, `latency` samples late"},
    {"energies", (PyCFunction)Limiter_energies, METH_NOARGS,
     "energies() -> (before, after): sums of squares of all samples so far, amplified, "
     "before and after limiting"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Limiter_getset[] = {
    {"latency", (getter)Limiter_latency, NULL, "samples between input and output", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject LimiterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "accessnews.speech._dsp.Limiter",
    .tp_doc = "Limiter(interpolation, ceiling, lookahead, release): a look-ahead true-peak "
              "limiter over 16-bit PCM",
    .tp_basicsize = sizeof(Limiter),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Limiter_init,
    .tp_methods = Limiter_methods,
    .tp_getset = Limiter_getset,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_dsp",
    .m_doc = "Per-sample kernels of accessnews.speech.loudness.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__dsp(void) {
    if (PyType_Ready(&MeterType) < 0 || PyType_Ready(&LimiterType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&MeterType);
    Py_INCREF(&LimiterType);
    if (PyModule_AddIntConstant(m, "PHASES", PHASES) < 0 ||
        PyModule_AddIntConstant(m, "TAPS", TAPS) < 0 ||
        PyModule_AddObject(m, "Meter", (PyObject *)&MeterType) < 0 ||
        PyModule_AddObject(m, "Limiter", (PyObject *)&LimiterType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
