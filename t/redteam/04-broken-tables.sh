# 04: a pipeline never says ok over a broken table.  An empty table, a key
# that does not join, and a lookup with a BOM or CRLF line ends each gave a
# wrong table with exit 0.
runs_ok "childrens-social-care on the samples" "$P/childrens-social-care" -o ref
runs_ok "kpi-scorecard on the samples" "$P/kpi-scorecard" -o ref

# A BOM on population.tsv published an empty CP-plans table.
cp -r "$SAMPLES" bom
printf '\357\273\277' | cat - "$SAMPLES/population.tsv" >bom/population.tsv
runs_ok "a BOM on population.tsv" "$P/childrens-social-care" -i bom -o bom-out
same_file bom-out/csc-cp-plans.tsv ref/csc-cp-plans.tsv "gives the same CP-plans table as a clean file"

# Every lookup with CRLF line ends, or a BOM, gives the same tables as a
# clean one (a CRLF manifest stopped the run with a usage error).
for f in agency-aliases.tsv kpi-definitions.tsv agencies.tsv returns/manifest.tsv returns/columns.map; do
	rm -rf crlf
	cp -r "$SAMPLES" crlf
	sed 's/$/\r/' "$SAMPLES/$f" >"crlf/$f"
	runs_ok "$f with CRLF line ends" "$P/kpi-scorecard" -i crlf -o crlf-out
	same_file crlf-out/kpi-scorecard.tsv ref/kpi-scorecard.tsv "gives the same scorecard"
	rm -rf crlf-out
	printf '\357\273\277' | cat - "$SAMPLES/$f" >"crlf/$f"
	runs_ok "$f with a BOM" "$P/kpi-scorecard" -i crlf -o crlf-out
	same_file crlf-out/kpi-scorecard.tsv ref/kpi-scorecard.tsv "gives the same scorecard"
	rm -rf crlf-out
done
rm -rf crlf
cp -r "$SAMPLES" crlf
sed 's/$/\r/' "$SAMPLES/population.tsv" >crlf/population.tsv
runs_ok "population.tsv with CRLF line ends" "$P/childrens-social-care" -i crlf -o crlf-out
same_file crlf-out/csc-cp-plans.tsv ref/csc-cp-plans.tsv "gives the same CP-plans table"

# A table that comes out empty stops the run; the previous outputs stay.
cp -r ref keep
sum=$(cat keep/*.* | md5sum)
cp -r "$SAMPLES" empty
head -n 1 "$SAMPLES/childrens/cp-plans.csv" >empty/childrens/cp-plans.csv
fails_with 1 "csc-cp-plans.tsv came out empty.*cp-plans.csv" \
	"a CP-plans table with no rows stops the run, naming the input" \
	"$P/childrens-social-care" -i empty -o keep
is "$(cat keep/*.* | md5sum)" "$sum" "and the previous outputs are untouched"

# A mistyped KPI code ("1.5.") published "/" where 100 belongs.
cp -r "$SAMPLES" typo
sed '6s/^1\.5,/1.5.,/' "$SAMPLES/returns/avon-fire-rescue.csv" >typo/returns/avon-fire-rescue.csv
fails_with 1 "returns/avon-fire-rescue.csv:6: kpi: key '1\.5\.' \(1 row\) has no match in kpi-definitions.tsv" \
	"a KPI code with no definition stops the run, naming the file, line and key" \
	"$P/kpi-scorecard" -i typo -o keep
is "$(cat keep/*.* | md5sum)" "$sum" "and the previous outputs are untouched"
fails_with 1 "key '1\.5\.'" "annual-report stops on it too" "$P/annual-report" -i typo -o keep
runs_ok "-u names a key that may be unmatched" "$P/kpi-scorecard" -i typo -o typo-out -u 1.5.
