BEGIN;
CREATE TABLE IF NOT EXISTS mprof_functions (function TEXT, calls INTEGER, samples INTEGER, total_duration_s REAL, mean_duration_s REAL, peak_mib REAL, mean_mib REAL, rise_mib REAL, depth INTEGER);
INSERT INTO mprof_functions (function, calls, samples, total_duration_s, mean_duration_s, peak_mib, mean_mib, rise_mib, depth) VALUES ('__main__.grow', 4, 21, 0.2325, 0.058125, 62.339844, 53.75502219, 16.003944, 1);
INSERT INTO mprof_functions (function, calls, samples, total_duration_s, mean_duration_s, peak_mib, mean_mib, rise_mib, depth) VALUES ('__main__.work', 1, 21, 0.2360, 0.2360, 62.339844, 53.75502219, 16.003944, 0);
CREATE TABLE IF NOT EXISTS mprof_runs (source TEXT, run INTEGER, command TEXT, samples INTEGER, duration_s REAL, peak_mib REAL);
INSERT INTO mprof_runs (source, run, command, samples, duration_s, peak_mib) VALUES ('tests/corpus/mprof_python.dat', 1, '/usr/bin/python3 mprof_python.py', 81, 0.9137, 62.339844);
CREATE TABLE IF NOT EXISTS mprof_children (source TEXT, pid INTEGER, samples INTEGER, peak_mib REAL, mprof_peak_mib REAL);
COMMIT;
