#include "vb_hdf5.h"

#include <hdf5.h>
#include <string.h>

static void quiet(void) {
    static int done = 0;
    if (!done) {
        H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
        done = 1;
    }
}

int vb_h5_open(const char *path, int64_t *file) {
    quiet();
    hid_t id = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) return VB_H5_ERROR;
    *file = id;
    return VB_H5_OK;
}

int vb_h5_create(const char *path, int64_t *file) {
    quiet();
    hid_t id = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (id < 0) return VB_H5_ERROR;
    *file = id;
    return VB_H5_OK;
}

void vb_h5_close(int64_t file) { H5Fclose((hid_t)file); }

static int open_dataset(int64_t file, const char *name, hid_t *dataset) {
    htri_t exists = H5Lexists((hid_t)file, name, H5P_DEFAULT);
    if (exists <= 0) return exists == 0 ? VB_H5_MISSING : VB_H5_ERROR;
    hid_t id = H5Dopen2((hid_t)file, name, H5P_DEFAULT);
    if (id < 0) return VB_H5_ERROR;
    *dataset = id;
    return VB_H5_OK;
}

int vb_h5_dataset_shape(int64_t file, const char *name, vb_h5_shape *shape) {
    hid_t dataset;
    int status = open_dataset(file, name, &dataset);
    if (status != VB_H5_OK) return status;
    memset(shape, 0, sizeof *shape);
    hid_t space = H5Dget_space(dataset);
    hid_t type = H5Dget_type(dataset);
    int result = VB_H5_ERROR;
    if (space >= 0 && type >= 0) {
        int rank = H5Sget_simple_extent_ndims(space);
        if (rank >= 0) {
            hsize_t dims[H5S_MAX_RANK];
            H5Sget_simple_extent_dims(space, dims, NULL);
            shape->rank = rank;
            for (int i = 0; i < rank && i < 4; i++) shape->dimensions[i] = (int64_t)dims[i];
            H5T_class_t class = H5Tget_class(type);
            shape->element_class = class == H5T_FLOAT ? VB_H5_CLASS_FLOAT
                                 : class == H5T_INTEGER ? VB_H5_CLASS_INTEGER : VB_H5_CLASS_OTHER;
            shape->element_bytes = (int)H5Tget_size(type);
            result = VB_H5_OK;
        }
    }
    if (type >= 0) H5Tclose(type);
    if (space >= 0) H5Sclose(space);
    H5Dclose(dataset);
    return result;
}

static int read_all(int64_t file, const char *name, hid_t memory_type, void *out, int64_t count) {
    hid_t dataset;
    int status = open_dataset(file, name, &dataset);
    if (status != VB_H5_OK) return status;
    hid_t space = H5Dget_space(dataset);
    int64_t elements = space >= 0 ? (int64_t)H5Sget_simple_extent_npoints(space) : -1;
    if (space >= 0) H5Sclose(space);
    if (elements < 0) status = VB_H5_ERROR;
    else if (elements > count) status = VB_H5_TOO_SMALL;
    else status = H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) < 0 ? VB_H5_ERROR : VB_H5_OK;
    H5Dclose(dataset);
    return status;
}

int vb_h5_read_float(int64_t file, const char *name, float *out, int64_t count) {
    return read_all(file, name, H5T_NATIVE_FLOAT, out, count);
}

int vb_h5_read_int32(int64_t file, const char *name, int32_t *out, int64_t count) {
    return read_all(file, name, H5T_NATIVE_INT32, out, count);
}

int vb_h5_string_attribute(int64_t file, const char *name, char *out, size_t capacity) {
    htri_t exists = H5Aexists((hid_t)file, name);
    if (exists <= 0) return exists == 0 ? VB_H5_MISSING : VB_H5_ERROR;
    hid_t attribute = H5Aopen((hid_t)file, name, H5P_DEFAULT);
    if (attribute < 0) return VB_H5_ERROR;
    hid_t type = H5Aget_type(attribute);
    int status = VB_H5_ERROR;
    if (type >= 0 && H5Tget_class(type) == H5T_STRING) {
        if (H5Tis_variable_str(type) > 0) {
            // h5py's default for a Python str: one variable-length string.
            hid_t memory = H5Tcopy(H5T_C_S1);
            H5Tset_size(memory, H5T_VARIABLE);
            H5Tset_cset(memory, H5Tget_cset(type));
            char *value = NULL;
            if (H5Aread(attribute, memory, &value) >= 0 && value != NULL) {
                size_t length = strlen(value);
                if (length + 1 > capacity) status = VB_H5_TOO_SMALL;
                else {
                    memcpy(out, value, length + 1);
                    status = VB_H5_OK;
                }
                H5free_memory(value);
            }
            H5Tclose(memory);
        } else {
            size_t size = H5Tget_size(type);
            if (size + 1 > capacity) status = VB_H5_TOO_SMALL;
            else {
                hid_t memory = H5Tcopy(H5T_C_S1);
                H5Tset_size(memory, size + 1);
                memset(out, 0, size + 1);
                status = H5Aread(attribute, memory, out) < 0 ? VB_H5_ERROR : VB_H5_OK;
                H5Tclose(memory);
            }
        }
    }
    if (type >= 0) H5Tclose(type);
    H5Aclose(attribute);
    return status;
}

int vb_h5_integer_attribute(int64_t file, const char *name, int64_t *out) {
    htri_t exists = H5Aexists((hid_t)file, name);
    if (exists <= 0) return exists == 0 ? VB_H5_MISSING : VB_H5_ERROR;
    hid_t attribute = H5Aopen((hid_t)file, name, H5P_DEFAULT);
    if (attribute < 0) return VB_H5_ERROR;
    hid_t type = H5Aget_type(attribute);
    int status = VB_H5_ERROR;
    if (type >= 0 && H5Tget_class(type) == H5T_INTEGER) {
        status = H5Aread(attribute, H5T_NATIVE_INT64, out) < 0 ? VB_H5_ERROR : VB_H5_OK;
    }
    if (type >= 0) H5Tclose(type);
    H5Aclose(attribute);
    return status;
}

static int write_matrix(int64_t file, const char *name, hid_t file_type, hid_t memory_type, const void *data,
                        int64_t rows, int64_t columns) {
    hsize_t dims[2] = {(hsize_t)rows, (hsize_t)columns};
    hid_t space = H5Screate_simple(2, dims, NULL);
    if (space < 0) return VB_H5_ERROR;
    hid_t dataset = H5Dcreate2((hid_t)file, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int status = VB_H5_ERROR;
    if (dataset >= 0) {
        status = H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0 ? VB_H5_ERROR : VB_H5_OK;
        H5Dclose(dataset);
    }
    H5Sclose(space);
    return status;
}

int vb_h5_write_float(int64_t file, const char *name, const float *data, int64_t rows, int64_t columns) {
    return write_matrix(file, name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, data, rows, columns);
}

int vb_h5_write_int32(int64_t file, const char *name, const int32_t *data, int64_t rows, int64_t columns) {
    return write_matrix(file, name, H5T_STD_I32LE, H5T_NATIVE_INT32, data, rows, columns);
}

int vb_h5_write_string_attribute(int64_t file, const char *name, const char *value) {
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attribute = H5Acreate2((hid_t)file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    int status = VB_H5_ERROR;
    if (attribute >= 0) {
        status = H5Awrite(attribute, type, &value) < 0 ? VB_H5_ERROR : VB_H5_OK;
        H5Aclose(attribute);
    }
    H5Sclose(space);
    H5Tclose(type);
    return status;
}

int vb_h5_write_integer_attribute(int64_t file, const char *name, int64_t value) {
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attribute = H5Acreate2((hid_t)file, name, H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    int status = VB_H5_ERROR;
    if (attribute >= 0) {
        status = H5Awrite(attribute, H5T_NATIVE_INT64, &value) < 0 ? VB_H5_ERROR : VB_H5_OK;
        H5Aclose(attribute);
    }
    H5Sclose(space);
    return status;
}
