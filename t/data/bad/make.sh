#!/bin/bash
# Makes the bad-input corpus of t/badinput.t from good.tsv (run it here
# after changing good.tsv).  The big cases (a 10 MB field, a million
# columns) are made by the test itself, not committed.
set -euo pipefail
cd "$(dirname "$0")"
good=good.tsv
: >empty.tsv
head -1 $good >header-only.tsv
head -c -1 $good >no-eol.tsv
sed 's/$/\r/' $good >crlf.tsv
tr '\n' '\r' <$good >cr.tsv
{ printf '\357\273\277'; cat $good; } >bom.tsv
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE $good; } >utf16.tsv
# a lone continuation byte, a truncated sequence and an overlong '/'
sed '2s/Police/Pol\x80ice/; 3s/ICB/IC\xc3/; 4s/Police/\xc0\xafPolice/' $good >bad-utf8.tsv
sed '3s/ICB/I\x00CB/' $good >nul.tsv
sed '3s/\t80\t/\t80\t99\t/; 4s/\t10\t12$/\t10/' $good >ragged.tsv
sed '1s/\tprev$/\tvalue/' $good >dup-header.tsv
# gzip_cases EXT FILTER...: good.tsv's rows 200 times over, through FILTER,
# gzipped; of that, truncated.EXT.gz lacks the last 40 bytes and
# corrupt.EXT.gz has a bit of the CRC in the trailer flipped (zlib reports
# a data check error).  gzip -n puts no name or time in the header, so the
# bytes never change.
gzip_cases() {
	local ext=$1
	shift
	for _ in $(seq 200); do sed 1d $good; done | cat <(head -1 $good) - |
		"$@" | gzip -9n >big.$ext.gz
	head -c -40 big.$ext.gz >truncated.$ext.gz
	python3 - big.$ext.gz corrupt.$ext.gz <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
b[-6] ^= 0x01
open(sys.argv[2], 'wb').write(bytes(b))
PY
	rm big.$ext.gz
}
gzip_cases tsv cat
sed '3s/\t85\t/\t1e309\t/' $good >num-1e309.tsv
sed '3s/\t85\t/\t-0\t/' $good >num-neg0.tsv
sed '3s/\t85\t/\tNaN\t/' $good >num-nan.tsv
sed '3s/\t85\t/\t0x10\t/' $good >num-hex.tsv
sed '3s/2023-06-15/31\/02\/2024/' $good >date-31-02.tsv
# sg-import's CSV versions of the two gzip cases
gzip_cases csv tr '\t' ,
# a first column name of one space: empty once trimmed (sg-clean once
# did arithmetic on a NULL buffer here: found by AFL++)
sed '1s/^kpi/ /' $good >blank-name.tsv
