# 09-import: sg-import's fidelity (issue 14, item 9); each case came out
# as a wrong table with exit 0 on the reviewed code.  The round trip
# through sg-render -f csv is item 9's last bullet, not covered here.
S=$SG_SRC/t/data/xlsx

# A Mac workbook whose x15:workbookPr follows the main workbookPr keeps
# the 1904 date system (serial 43920 is 2024-03-31 there).
run "$SG_BIN/sg-import" "$S/date1904-x15.xlsx"
like "$out" "2024-03-31" "a 1904-system workbook with x15:workbookPr keeps its dates"

# Text after a closing quote stops at its line instead of swallowing the
# lines after it into one record.
printf 'name,n\n"Smith" Jr,1\nb,2\n"c",3\n' >jr.csv
fails_with 1 "jr.csv:2: name: text after the closing quote" \
    "text after a closing quote is an error naming the line" \
    "$SG_BIN/sg-import" jr.csv

# A tab-separated file without -f is TSV, not one column with \t.
printf 'agency\tcount\nPolice\t12\n' >returns.tsv
run "$SG_BIN/sg-import" returns.tsv
is "$out" "agency	count
Police	12" "a .tsv file is read as TSV without -f"

# A format sg-import cannot read is refused, not read as one column.
printf '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n</Workbook>\n' >old.xml
fails_with 1 "Excel 2003 XML spreadsheet" \
    "an Excel 2003 XML spreadsheet is refused" "$SG_BIN/sg-import" old.xml
printf '\3757zXZ\000\000\004' >returns.csv	# xz's magic bytes
fails_with 1 "xz-compressed file: decompress it first" \
    "an xz file is refused" "$SG_BIN/sg-import" returns.csv
