#!/bin/bash
# bench/duckdb-tsv.sh FILE [escape]: the DuckDB CLI reads the CSV and
# writes TSV to standard output; with "escape", values escaped as the sg
# stream does (\\ \t \n \r), for bench/run's check.
f=${1//\'/\'\'}
src="read_csv('$f', header=true, delim=',', quote='\"', escape='\"', all_varchar=true)"
if [ "${2:-}" = escape ]; then
	sel="SELECT replace(replace(replace(replace(COLUMNS(*), '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r') FROM $src"
	opts=", QUOTE '', ESCAPE ''"
else
	sel="SELECT * FROM $src"
	opts=
fi
exec duckdb -c "COPY ($sel) TO '/dev/stdout' (FORMAT csv, DELIMITER '$(printf '\t')', HEADER$opts)"
