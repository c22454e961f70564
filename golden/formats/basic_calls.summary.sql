BEGIN;
CREATE TABLE IF NOT EXISTS functions (file TEXT, function TEXT, line INTEGER, calls INTEGER, calls_estimated INTEGER, blocks INTEGER, rows INTEGER, peak_mib REAL, min_mib REAL, mean_mib REAL, entry_mib REAL, exit_mib REAL, net_mib REAL, rise_mib REAL, hot_line INTEGER, hot_increment_mib REAL, occurrences INTEGER);
INSERT INTO functions (file, function, line, calls, calls_estimated, blocks, rows, peak_mib, min_mib, mean_mib, entry_mib, exit_mib, net_mib, rise_mib, hot_line, hot_increment_mib, occurrences) VALUES ('/work/main/tests/corpus/basic_calls.py', 'make_list', 8, 2, 0, 2, 8, 36.7, 21.3, 29.938, 21.35, 32.8, 11.45, 15.3, 10, 15.3, 8);
INSERT INTO functions (file, function, line, calls, calls_estimated, blocks, rows, peak_mib, min_mib, mean_mib, entry_mib, exit_mib, net_mib, rise_mib, hot_line, hot_increment_mib, occurrences) VALUES ('/work/main/tests/corpus/basic_calls.py', 'make_dict', 15, 1, 0, 1, 4, 21.5, 21.4, 21.475, 21.4, 21.5, 0.1, 0.1, 17, 0.1, 1006);
COMMIT;
