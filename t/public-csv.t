#!/bin/bash
# sg-import against a reference reader on public CSV test suites
# (csv-spectrum, csvlint.rb's fixtures and messytables' horror files, in
# t/data/public/<suite>/, each with its licence): Python's csv module
# reads every file, and its rows, turned into the stream as sg(7) and
# sg-import(1) say (header names trimmed, an empty one column_N, the four
# escapes, rows of empty fields dropped), must be sg-import's output byte
# for byte.  Where the reference finds the file malformed (a stray quote
# under strict=True, bytes that are not UTF-8, a ragged row, a duplicate
# header) sg-import must stop with exit 1 and a message naming the file
# and a line.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	skip "public CSV suites" "/usr/bin/python3 is not there"
	done_testing
fi

# The reference: prints the expected stream, or "BAD LINE: why" where
# the file is malformed.
cat >ref.py <<'PYEOF'
import csv, sys

def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n').replace('\r', '\\r'))

def name(s, i):
    s = s.strip(' \t\r\n\u00a0')
    return esc(s) if s else 'column_%d' % (i + 1)

path = sys.argv[1]
try:
    with open(path, newline='', encoding='utf-8-sig') as f:
        r = csv.reader(f, strict=True)
        rows = []
        for row in r:
            if any(row):
                rows.append((r.line_num, row))
except UnicodeDecodeError as e:
    print('BAD 0: not UTF-8: %s' % e)
    sys.exit(0)
except csv.Error as e:
    print('BAD %d: %s' % (r.line_num, e))
    sys.exit(0)
if not rows:
    print('BAD 0: no header')
    sys.exit(0)
hdr = [name(s, i) for i, s in enumerate(rows[0][1])]
if len(set(hdr)) != len(hdr):
    print('BAD %d: duplicate column name' % rows[0][0])
    sys.exit(0)
out = ['\t'.join(hdr)]
for ln, row in rows[1:]:
    if len(row) != len(hdr):
        print('BAD %d: %d fields, the header has %d' % (ln, len(row),
              len(hdr)))
        sys.exit(0)
    out.append('\t'.join(esc(s) for s in row))
sys.stdout.write('OK\n' + '\n'.join(out) + '\n')
PYEOF

n=0
for f in "$DATA"/public/*/*.csv; do
	name=${f#"$DATA"/public/}
	n=$((n + 1))
	"$PY" ref.py "$f" >want.out 2>want.err
	if [ $? != 0 ]; then
		ok 1 "$name: the reference reads it ($(head -c 200 want.err))"
		continue
	fi
	run sg-import "$f"
	if [ "$(head -n 1 want.out)" = OK ]; then
		tail -n +2 want.out >want.tsv
		printf '%s\n' "$out" >got.tsv
		is "$rc" 0 "$name: read (exit 0) $err"
		same_file got.tsv want.tsv "$name: cell for cell as Python's csv"
	else
		is "$rc" 1 "$name: malformed ($(head -n 1 want.out)): exit 1"
		line=$(head -n 1 want.out | sed 's/^BAD \([0-9]*\):.*/\1/')
		[ "$line" = 0 ] && line='[0-9]+'
		like "$err" "^sg-import: [^ ]*$(basename "$f"):$line: " \
		    "$name: the message names the file and the line ($line)"
	fi
done
ok $((n < 20)) "at least 20 public files were read ($n)"

done_testing
