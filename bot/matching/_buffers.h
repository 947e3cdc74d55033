/* How both compiled solvers (_ssp.c, _mcf.c) take their numpy arrays: contiguous int64
   buffers through the buffer protocol, so neither needs numpy's headers. */
#ifndef MENTORBOT_BUFFERS_H
#define MENTORBOT_BUFFERS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* One int64 array of `items` elements, held in `view`; -1 with the error set if not. */
static int buffer_of(PyObject *obj, Py_buffer *view, Py_ssize_t items, int writable) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0)) < 0) return -1;
    if (view->itemsize != 8 || view->len != items * 8) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "array of the wrong type or length");
        return -1;
    }
    return 0;
}

/* `count` int64 arrays: the first `per_item` as long as obj[0] (pairs or arcs, any
   number), the others `n` long; writable[k] says which are written. Returns the length
   of obj[0] with every buffer held, or -1 with none held and the error set. */
static Py_ssize_t take_int64(PyObject **obj, int count, int per_item, Py_ssize_t n,
                             const int *writable, Py_buffer *b) {
    if (PyObject_GetBuffer(obj[0], &b[0], PyBUF_C_CONTIGUOUS) < 0) return -1;
    Py_ssize_t items = b[0].itemsize == 8 ? b[0].len / 8 : -1;
    PyBuffer_Release(&b[0]);
    if (items < 0) { PyErr_SetString(PyExc_ValueError, "array of the wrong type or length"); return -1; }
    for (int k = 0; k < count; k++) {
        if (buffer_of(obj[k], &b[k], k < per_item ? items : n, writable[k]) < 0) {
            while (k--) PyBuffer_Release(&b[k]);
            return -1;
        }
    }
    return items;
}

/* Lets go of the `count` buffers take_int64() held. */
static void release_all(Py_buffer *b, int count) {
    for (int k = 0; k < count; k++) PyBuffer_Release(&b[k]);
}

#endif
