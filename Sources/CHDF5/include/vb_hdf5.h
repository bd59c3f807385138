// The few libhdf5 calls vecbench makes, behind plain C functions: the HDF5
// headers spell native types as macros that call H5open() (H5T_NATIVE_FLOAT),
// which Swift cannot import. Every function returns 0 on success and a
// negative VB_H5_* code on failure; HDF5's own error printing is switched off.
#ifndef VB_HDF5_H
#define VB_HDF5_H

#include <stddef.h>
#include <stdint.h>

enum {
    VB_H5_OK = 0,
    VB_H5_ERROR = -1,      // the library refused (unreadable file, bad type)
    VB_H5_MISSING = -2,    // no dataset or attribute of that name
    VB_H5_TOO_SMALL = -3,  // the caller's buffer is smaller than the data
};

enum {
    VB_H5_CLASS_FLOAT = 1,
    VB_H5_CLASS_INTEGER = 2,
    VB_H5_CLASS_OTHER = 3,
};

/// Shape and element class of a dataset.
typedef struct {
    int rank;
    int64_t dimensions[4];
    int element_class;
    int element_bytes;
} vb_h5_shape;

int vb_h5_open(const char *path, int64_t *file);
int vb_h5_create(const char *path, int64_t *file);
void vb_h5_close(int64_t file);

int vb_h5_dataset_shape(int64_t file, const char *name, vb_h5_shape *shape);
/// Reads the whole dataset converted to float32 / int32; `count` is the
/// number of elements `out` holds.
int vb_h5_read_float(int64_t file, const char *name, float *out, int64_t count);
int vb_h5_read_int32(int64_t file, const char *name, int32_t *out, int64_t count);

/// A root attribute as text (fixed or variable length); NUL-terminated,
/// VB_H5_TOO_SMALL when it does not fit.
int vb_h5_string_attribute(int64_t file, const char *name, char *out, size_t capacity);
/// A root attribute as a 64-bit integer.
int vb_h5_integer_attribute(int64_t file, const char *name, int64_t *out);

/// Writers, for tests and tools that make small files the way h5py does.
int vb_h5_write_float(int64_t file, const char *name, const float *data, int64_t rows, int64_t columns);
int vb_h5_write_int32(int64_t file, const char *name, const int32_t *data, int64_t rows, int64_t columns);
int vb_h5_write_string_attribute(int64_t file, const char *name, const char *value);
int vb_h5_write_integer_attribute(int64_t file, const char *name, int64_t value);

#endif
