// bench/duckdb-tsv.mjs FILE [escape]: DuckDB (the node package
// @duckdb/node-api) reads the CSV and writes TSV to standard output; with
// "escape", values escaped as the sg stream does (\\ \t \n \r), for
// bench/run's check.  Run from a directory where npm installed the package.
import { DuckDBInstance } from '@duckdb/node-api';
const con = await (await DuckDBInstance.create(':memory:')).connect();
const f = process.argv[2].replaceAll("'", "''");
const src = `read_csv('${f}', header=true, delim=',', quote='"', escape='"', all_varchar=true)`;
const esc = process.argv[3] === 'escape';
const sel = esc
  ? `SELECT replace(replace(replace(replace(COLUMNS(*), '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r') FROM ${src}`
  : `SELECT * FROM ${src}`;
await con.run(`COPY (${sel}) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER${esc ? ", QUOTE '', ESCAPE ''" : ''})`);
