#!/usr/bin/env python3
"""Writes the SPSS, Stata and SAS transport fixtures for Tests/FramesTests/ReadStat*Tests.swift.

Run from the repository root:  python3 Scripts/reference/make_dataio_fixtures.py
Needs pyreadstat (pip install pyreadstat; tested with pyreadstat 1.3.7, pandas 3.1.1).
The files are written by pyreadstat (ReadStat's C writer driven from Python), i.e. by another
tool than Truant's own writer. The tests spell the values below out literally.

pupils.sav  12 pupils; SPSS user-missing code 99 on `absences` (declared missing), value labels on
            `sex` (1 boy, 2 girl) and `track` (1 ASO, 2 TSO, 3 BSO; the data also hold an unlabelled 4),
            variable labels, a string column with non-ASCII text, a double with a system-missing cell,
            a date column (SPSS DATE11 format).
pupils.dta  the same pupils in Stata 15 format; `absences` 99 is written as extended missing .a
            (Stata has no user-missing codes), value labels on sex and track, a %td date.
pupils.zsav  the same as pupils.sav, zlib-compressed (SPSS 21+ .zsav).
pupils_v12.dta  the same as pupils.dta in Stata 12's binary format 115.
pupils.xpt  the same pupils in SAS transport (version 8): no value labels, no user-missing codes.
pupils.sas7bdat  5 pupils with SAS DATE9. and DATETIME20. variables, written through ReadStat's C writer
            (ctypes; pyreadstat cannot write SAS data sets) and checked by reading it back with pyreadstat.
labelled_missing.sav  answer = 1, 2, 9, 1, 8, 3 with labels 1 yes, 2 no, 8 don't know, 9 refused and
            8, 9 declared missing (3 has no label); age = 15, 16, 99, 15, 17, 16 whose only label is
            99 = "no answer", declared missing.
pupils.por  an SPSS portable file (ID, SCHOOL, SCORE of the 5 SAS pupils), through the same C writer.
not_really.sav  a CSV text file named .sav.

pyreadstat stamps the current time into the files, so a rerun changes a few header bytes only; the
truncation tests cut at byte offsets that depend on the layout, not on the stamp.
"""
import datetime as dt
import os

import numpy as np
import pandas as pd
import pyreadstat

OUT = os.path.join("Tests", "Fixtures", "dataio")
os.makedirs(OUT, exist_ok=True)

df = pd.DataFrame({
    "id": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    "school": ["Gent-1", "Gent-1", "Gent-1", "Liège-2", "Liège-2", "Liège-2",
               "Brugge-3", "Brugge-3", "Brugge-3", "Antwerpen-4", "Antwerpen-4", ""],
    "sex": [1.0, 2.0, 2.0, 1.0, 1.0, 2.0, 2.0, 1.0, np.nan, 2.0, 1.0, 2.0],
    "track": [1.0, 2.0, 3.0, 1.0, 4.0, 2.0, 3.0, 3.0, 1.0, 2.0, 2.0, 1.0],
    "absences": [0.0, 3.0, 99.0, 12.0, 5.0, 99.0, 1.0, 0.0, 7.0, 2.0, 4.0, 30.0],
    "score": [12.5, 8.25, 10.0, np.nan, 14.75, 9.5, 11.0, 13.125, 7.5, 10.5, 6.0, 15.0],
    "birth": [dt.date(2008, 1, 15), dt.date(2008, 3, 2), dt.date(2007, 12, 31), dt.date(2008, 6, 30),
              dt.date(2008, 2, 29), dt.date(2007, 9, 1), dt.date(2008, 11, 11), dt.date(2008, 4, 4),
              dt.date(2007, 10, 10), dt.date(2008, 7, 21), dt.date(2008, 8, 8), dt.date(1970, 1, 1)],
})
# datetime64[ns]: pyreadstat 1.3.7 misreads the datetime64[s] that pandas 3 makes by default (all dates became 1970-01-01).
df["birth"] = pd.to_datetime(df["birth"]).astype("datetime64[ns]")

labels = {
    "id": "Pupil number",
    "school": "School name",
    "sex": "Sex of the pupil",
    "track": "Educational track",
    "absences": "Unauthorised half-days absent",
    "score": "Mathematics score",
    "birth": "Date of birth",
}
value_labels = {"sex": {1: "boy", 2: "girl"}, "track": {1: "ASO", 2: "TSO", 3: "BSO"}}

pyreadstat.write_sav(df, os.path.join(OUT, "pupils.sav"), column_labels=labels,
                     variable_value_labels=value_labels, missing_ranges={"absences": [99]},
                     variable_format={"id": "F8.0", "birth": "DATE11"})

dta = df.copy()
dta["birth"] = [d.date() for d in dta["birth"]]   # datetime.date objects -> Stata %td
dta["id"] = dta["id"].astype("int32")                # Stata long
dta["absences"] = dta["absences"].astype(object)
dta.loc[dta["absences"] == 99.0, "absences"] = "a"   # Stata extended missing .a
pyreadstat.write_dta(dta, os.path.join(OUT, "pupils.dta"), column_labels=labels,
                     variable_value_labels=value_labels, missing_user_values={"absences": ["a"]},
                     version=15)

# The same pupils as a compressed SPSS file (.zsav) and in the old binary Stata format (version 12 = format 115,
# which starts with a version byte instead of <stata_dta>).
pyreadstat.write_sav(df, os.path.join(OUT, "pupils.zsav"), column_labels=labels, compress=True,
                     variable_value_labels=value_labels, missing_ranges={"absences": [99]},
                     variable_format={"id": "F8.0", "birth": "DATE11"})
pyreadstat.write_dta(dta, os.path.join(OUT, "pupils_v12.dta"), column_labels=labels,
                     variable_value_labels=value_labels, missing_user_values={"absences": ["a"]},
                     version=12)

xpt = df.drop(columns=["birth"])
pyreadstat.write_xport(xpt, os.path.join(OUT, "pupils.xpt"), column_labels=labels,
                       table_name="PUPILS", file_format_version=8)

# labelled_missing.sav: a labelled variable whose user-missing codes (8, 9) carry labels too.
answers = pd.DataFrame({"answer": [1.0, 2.0, 9.0, 1.0, 8.0, 3.0], "age": [15.0, 16.0, 99.0, 15.0, 17.0, 16.0]})
pyreadstat.write_sav(answers, os.path.join(OUT, "labelled_missing.sav"),
                     column_labels={"answer": "Did you skip school last month?", "age": "Age in years"},
                     variable_value_labels={"answer": {1: "yes", 2: "no", 8: "don't know", 9: "refused"},
                                            "age": {99: "no answer"}},
                     missing_ranges={"answer": [8, 9], "age": [99]})

# A CSV text file with a .sav extension, to test the "not an SPSS file" message.
with open(os.path.join(OUT, "not_really.sav"), "w") as f:
    f.write("id,school\n1,Gent-1\n")

for name in ["pupils.sav", "pupils.dta", "pupils.xpt"]:
    path = os.path.join(OUT, name)
    reader = {"sav": pyreadstat.read_sav, "dta": pyreadstat.read_dta, "xpt": pyreadstat.read_xport}[name[-3:]]
    back, meta = reader(path, user_missing=True) if name.endswith((".sav", ".dta")) else reader(path)
    print(name, os.path.getsize(path), "bytes;", dict(zip(meta.column_names, meta.original_variable_types.values())))
    print("  labels:", meta.variable_value_labels, "missing:", getattr(meta, "missing_ranges", None),
          getattr(meta, "missing_user_values", None))

# pupils.sas7bdat: pyreadstat cannot write SAS data sets, so the script drives the C writer of the system's
# ReadStat (libreadstat1 1.1.8, the library Truant links) through ctypes. The reader under test is Truant's;
# the layout is ReadStat's SAS writer. 5 pupils: id, school (string), score (double with a missing cell),
# birth (DATE9.: days since 1960-01-01), visit (DATETIME20.: seconds since 1960-01-01 00:00).
import ctypes

rs = ctypes.CDLL("libreadstat.so.1")
rs.readstat_writer_init.restype = ctypes.c_void_p
rs.readstat_add_variable.restype = ctypes.c_void_p
rs.readstat_add_variable.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_size_t]
for fn in ["readstat_variable_set_label", "readstat_variable_set_format"]:
    getattr(rs, fn).argtypes = [ctypes.c_void_p, ctypes.c_char_p]
rs.readstat_set_data_writer.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
rs.readstat_begin_writing_sas7bdat.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_long]
rs.readstat_writer_set_file_timestamp.argtypes = [ctypes.c_void_p, ctypes.c_long]
rs.readstat_begin_row.argtypes = [ctypes.c_void_p]
rs.readstat_end_row.argtypes = [ctypes.c_void_p]
rs.readstat_end_writing.argtypes = [ctypes.c_void_p]
rs.readstat_writer_free.argtypes = [ctypes.c_void_p]
rs.readstat_insert_double_value.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_double]
rs.readstat_insert_string_value.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p]
rs.readstat_insert_missing_value.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
READSTAT_TYPE_STRING, READSTAT_TYPE_DOUBLE = 0, 5

sas_path = os.path.join(OUT, "pupils.sas7bdat")
sas_out = open(sas_path, "wb")
WRITER = ctypes.CFUNCTYPE(ctypes.c_ssize_t, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
@WRITER
def _write_bytes(data, length, ctx):
    sas_out.write(ctypes.string_at(data, length))
    return length

w = rs.readstat_writer_init()
rs.readstat_set_data_writer(w, ctypes.cast(_write_bytes, ctypes.c_void_p))
rs.readstat_writer_set_file_timestamp(w, 1_700_000_000)   # fixed: the file does not change between runs
sas_vars = []
for name, typ, width, label, fmt in [(b"id", READSTAT_TYPE_DOUBLE, 8, b"Pupil number", b""),
                                     (b"school", READSTAT_TYPE_STRING, 12, b"School name", b""),
                                     (b"score", READSTAT_TYPE_DOUBLE, 8, b"Mathematics score", b""),
                                     (b"birth", READSTAT_TYPE_DOUBLE, 8, b"Date of birth", b"DATE9"),
                                     (b"visit", READSTAT_TYPE_DOUBLE, 8, b"Home visit", b"DATETIME20")]:
    v = rs.readstat_add_variable(w, name, typ, width)
    rs.readstat_variable_set_label(v, label)
    if fmt:
        rs.readstat_variable_set_format(v, fmt)
    sas_vars.append(v)
sas_rows = [(1, b"Gent-1", 12.5, dt.date(2008, 1, 15), dt.datetime(2023, 5, 4, 9, 30, 0)),
            (2, b"Gent-1", None, dt.date(2008, 3, 2), dt.datetime(2023, 5, 4, 14, 0, 0)),
            (3, b"Brugge-3", 10.0, dt.date(1960, 1, 1), dt.datetime(1960, 1, 1, 0, 0, 0)),
            (4, b"Antwerpen-4", -3.25, dt.date(1959, 12, 31), dt.datetime(1970, 1, 1, 0, 0, 1)),
            (5, b"", 15.0, dt.date(1970, 1, 1), dt.datetime(2000, 2, 29, 23, 59, 59))]
rs.readstat_begin_writing_por.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_long]
assert rs.readstat_begin_writing_sas7bdat(w, None, len(sas_rows)) == 0
for pid, school, score, birth, visit in sas_rows:
    rs.readstat_begin_row(w)
    rs.readstat_insert_double_value(w, sas_vars[0], float(pid))
    rs.readstat_insert_string_value(w, sas_vars[1], school)
    if score is None:
        rs.readstat_insert_missing_value(w, sas_vars[2])
    else:
        rs.readstat_insert_double_value(w, sas_vars[2], score)
    rs.readstat_insert_double_value(w, sas_vars[3], float((birth - dt.date(1960, 1, 1)).days))
    rs.readstat_insert_double_value(w, sas_vars[4], (visit - dt.datetime(1960, 1, 1)).total_seconds())
    rs.readstat_end_row(w)
assert rs.readstat_end_writing(w) == 0
rs.readstat_writer_free(w)
sas_out.close()
print("pupils.sas7bdat", os.path.getsize(sas_path), "bytes")
back, meta = pyreadstat.read_sas7bdat(sas_path)
print(back)
print("  expected days since 1970:", [(r[3] - dt.date(1970, 1, 1)).days for r in sas_rows],
      "seconds since 1970:", [(r[4] - dt.datetime(1970, 1, 1)).total_seconds() for r in sas_rows])

# pupils.por: an SPSS portable file (pyreadstat cannot write these either), through the same C writer:
# id, school and score of the 5 SAS pupils.
por_path = os.path.join(OUT, "pupils.por")
sas_out = open(por_path, "wb")
rs.readstat_add_label_set.restype = ctypes.c_void_p
rs.readstat_add_label_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p]
rs.readstat_label_double_value.argtypes = [ctypes.c_void_p, ctypes.c_double, ctypes.c_char_p]
rs.readstat_variable_set_label_set.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
w = rs.readstat_writer_init()
rs.readstat_set_data_writer(w, ctypes.cast(_write_bytes, ctypes.c_void_p))
rs.readstat_writer_set_file_timestamp(w, 1_700_000_000)
por_vars = []
for name, typ, width, label in [(b"ID", READSTAT_TYPE_DOUBLE, 8, b"Pupil number"),
                                (b"SCHOOL", READSTAT_TYPE_STRING, 12, b"School name"),
                                (b"SCORE", READSTAT_TYPE_DOUBLE, 8, b"Mathematics score")]:
    v = rs.readstat_add_variable(w, name, typ, width)
    rs.readstat_variable_set_label(v, label)
    por_vars.append(v)
rs.readstat_variable_set_format(por_vars[0], b"F8.0")
assert rs.readstat_begin_writing_por(w, None, len(sas_rows)) == 0
for pid, school, score, _, _ in sas_rows:
    rs.readstat_begin_row(w)
    rs.readstat_insert_double_value(w, por_vars[0], float(pid))
    rs.readstat_insert_string_value(w, por_vars[1], school)
    if score is None:
        rs.readstat_insert_missing_value(w, por_vars[2])
    else:
        rs.readstat_insert_double_value(w, por_vars[2], score)
    rs.readstat_end_row(w)
assert rs.readstat_end_writing(w) == 0
rs.readstat_writer_free(w)
sas_out.close()
back, meta = pyreadstat.read_por(por_path)
print("pupils.por", os.path.getsize(por_path), "bytes")
print(back, meta.column_labels)
