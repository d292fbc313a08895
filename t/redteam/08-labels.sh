# 08-labels: inside a pipeline a tool reading standard input named it "-",
# so "sg-check: -:4: ..." did not say which file or stage was wrong.  Every
# tool takes --label NAME (lib/opts.c, sg(7)) and names standard input NAME
# in its messages; the line is still the stream's line.
. "$SG_SRC/t/tools.sh"
BAD=$DATA/bad
lab='stage 3 of adults/concerns.csv'

# ragged.tsv's line 3 has a field too many: every tool reading the stream
# from standard input names the label and line 3.
for t in import-tsv clean join agg period rate rag pivot pivot-longer \
    suppress check render chart; do
	tool_cmd "$t"
	run "${cmd[@]}" --label "$lab" <"$BAD/ragged.tsv"
	like "$rc:$err" "^1:${cmd[0]}: $lab:3: " \
	    "$t: --label names standard input in the message, with its line"
	run "${cmd[@]}" <"$BAD/ragged.tsv"
	like "$rc:$err" "^1:${cmd[0]}: -:3: " "$t: without --label it is still -"
done

# The case: a check failing in a pipeline.
printf 'total,a,b\n5,2,3\n12,6,7\n' >concerns.csv
sg-import concerns.csv | sg-check --label "$lab" -t total=a+b >/dev/null 2>err
like "$(cat err)" "^sg-check: $lab:3: total total: expected 13, found 12" \
    "sg-check in a pipe says which source failed, not -"

# sg-import reads the original text: the line is the CSV's line.
printf 'a,b\n1,2\n3,"x"y\n' | sg-import --label concerns.csv >/dev/null 2>err
like "$(cat err)" "^sg-import: concerns.csv:3: " \
    "sg-import reading standard input names it by --label"

# A file named on the command line keeps its own name.
run sg-check --label "$lab" -r agency "$BAD/ragged.tsv"
like "$err" "^sg-check: $BAD/ragged.tsv:3: " "a named file keeps its name"

# The reason column of --reject names the label too.
printf 'kpi\tvalue\n1.1\t12x\n' |
    sg-clean --label "$lab" --number value --reject rej.tsv >/dev/null 2>&1
like "$(tail -n 1 rej.tsv)" "$lab:2: value: " "a --reject reason names the label"

# Bad labels are usage errors; --help lists the option everywhere.
fails_with 2 "--label: the name is empty" "an empty label is a usage error" \
    sg-check --label '' -r a
fails_with 2 "--label: a control character" "a label with a newline is refused" \
    sg-check --label "$(printf 'a\nb')" -r a
for t in agg chart check clean import join period pivot rag rate render \
    suppress synth; do
	run "sg-$t" --help
	like "$out" "--label NAME" "sg-$t --help lists --label"
done
