{%- if cookiecutter.c_extension == "cpython" -%}
/*
 * _speedups: the C version of core.python_fibonacci, written against the
 * CPython C API. setuptools compiles it into a shared library
 * ({{ cookiecutter.package_name }}/_speedups.*.so, or .pyd on Windows) that
 * Python imports like any module.
 *
 * A tour of the API: https://docs.python.org/3/extending/extending.html
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* fibonacci(n, /): the function behind the name in the module's method table. */
static PyObject *
fibonacci(PyObject *module, PyObject *arg)
{
    /* Py_ssize_t is as wide as a pointer on every platform (a C long is
     * only 32 bits on Windows). */
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL; /* not an int, or too large: the exception is already set */
    }
    if (n < 0) {
        return PyErr_Format(PyExc_ValueError, "n must be >= 0, not %zd", n);
    }

    /* Fast path: every result up to fibonacci(93) fits in 64 bits. */
    if (n <= 93) {
        unsigned long long a = 0, b = 1;
        for (Py_ssize_t i = 0; i < n; i++) {
            unsigned long long next = a + b;
            a = b;
            b = next;
        }
        return PyLong_FromUnsignedLongLong(a);
    }

    /* Beyond that, Python integers, which never overflow. Every object we
     * create we own, and must release with Py_DECREF once done with it. */
    PyObject *a = PyLong_FromLong(0);
    PyObject *b = PyLong_FromLong(1);
    for (Py_ssize_t i = 0; a != NULL && b != NULL && i < n; i++) {
        /* A long loop must let Ctrl-C (or any signal handler) interrupt it. */
        if (PyErr_CheckSignals() < 0) {
            Py_CLEAR(b);
            break;
        }
        PyObject *next = PyNumber_Add(a, b);
        Py_DECREF(a);
        a = b;
        b = next;
    }
    if (a == NULL || b == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        return NULL; /* out of memory or interrupted: the exception is set */
    }
    Py_DECREF(b);
    return a;
}

static PyMethodDef methods[] = {
    {"fibonacci", fibonacci, METH_O,
     "fibonacci(n, /)\n--\n\nReturn the n-th Fibonacci number: 0, 1, 1, 2, 3, 5, ..."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#if PY_VERSION_HEX >= 0x030D0000
    /* The module keeps no global state, so it is safe without the GIL. */
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_speedups",
    .m_doc = "C implementations of {{ cookiecutter.package_name }}.core functions.",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

/* Python calls PyInit_<module name> when the module is first imported. */
PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&module);
}
{%- endif %}
