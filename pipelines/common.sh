# common.sh: what every sg pipeline shares.  Sourced, not run.
#
#   sg_pipeline NAME "$@"   parses -i INDIR -o OUTDIR -e END -s PROFILE
#                           -T TITLE -u KEYS -h, checks END, finds the
#                           tools, takes OUTDIR's lock (one run at a time),
#                           removes work directories a killed run left, makes
#                           the work directory $WORK (0700) inside OUTDIR,
#                           and arranges the one-line log and the clean-up on
#                           any exit, SIGINT or SIGTERM.
#   stage WHAT              says what the pipeline is doing now (reading
#                           which input), for the FAILED message.
#   lookup FILE             FILE read through sg-import into $WORK, so a
#                           BOM or CRLF line ends read as a clean file does.
#   joined UNMATCHED SMALL  fails if sg-join -u wrote a key not in -u KEYS.
#   book_table FILE TITLE   puts the table FILE (in $WORK) in the pipeline's
#                           workbook, a sheet of its own with TITLE in A1.
#   book_note TEXT          a note for the workbook's Notes sheet.
#   write_books NAME TITLE  writes $WORK/NAME.xlsx and NAME.ods (sg-book):
#                           a Cover (TITLE, $PERIOD, the data set, the
#                           profile), Contents, Notes and the tables.
#   publish FILE...         checks that no table is empty, then moves the
#                           finished files from $WORK into OUTDIR (rename:
#                           atomic, file by file; an existing file's mode is
#                           kept), and the rows set aside into OUTDIR/rejects.
#
# A failure anywhere (set -euo pipefail) exits non-zero with the failing
# tool's message and the stage on standard error, removes $WORK, and leaves
# the previous outputs in OUTDIR untouched.  See sg-pipelines(7).
set -euo pipefail

sg_usage() {
	cat <<USAGE
usage: $SG_NAME [-i INDIR] [-o OUTDIR] [-e END] [-s PROFILE] [-T TITLE]
       [-u KEYS]
  -i INDIR    the returns and extracts (default: the project's samples/)
  -o OUTDIR   where the tables, charts, HTML and workbooks go (default:
              out/); rows set aside go to OUTDIR/rejects/ (mode 0600);
              one run at a time per OUTDIR (a second waits for the first)
  -e END      the last day of the reporting year: an ISO date that is the
              last day of its month (default: 2024-03-31)
  -s PROFILE  suppression for publication: dfe (default), nhs, a number
              N of 3 or more (1 to N-1 hidden), or none for a restricted
              board paper
  -T TITLE    the data set's name in the footer (default: INDIR's last
              component; never a path)
  -u KEYS     comma-separated keys that may have no match in a lookup
              (default: none; an unmatched key stops the pipeline)
USAGE
}

sg_pipeline() {
	SG_NAME=$1
	shift
	SG_HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
	IN=$SG_HERE/../samples
	OUT=out
	END=2024-03-31
	PROFILE=dfe
	TITLE=
	SG_MAY_UNMATCH=
	local opt
	OPTIND=1
	while getopts ':i:o:e:s:T:u:h' opt; do
		case $opt in
		i) IN=$OPTARG ;;
		o) OUT=$OPTARG ;;
		e) END=$OPTARG ;;
		s) PROFILE=$OPTARG ;;
		T) TITLE=$OPTARG ;;
		u) SG_MAY_UNMATCH=$OPTARG ;;
		h) sg_usage; exit 0 ;;
		:) echo "$SG_NAME: -$OPTARG needs a value" >&2; sg_usage >&2; exit 2 ;;
		*) echo "$SG_NAME: unknown option -$OPTARG" >&2; sg_usage >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	if [ $# -gt 0 ]; then
		echo "$SG_NAME: unexpected argument '$1'" >&2
		sg_usage >&2
		exit 2
	fi
	sg_check_end "$END"
	case $PROFILE in
	dfe|nhs|none) ;;
	[0-9]|[0-9][0-9])
		# Under 3 a c could only be 1 (or nothing is hidden).
		if [ $((10#$PROFILE)) -lt 3 ]; then
			echo "$SG_NAME: -s: a threshold N hides the counts from 1 to N-1 and must be 3 or more, so that a c stands for two counts at least: '$PROFILE'" >&2
			sg_usage >&2
			exit 2
		fi ;;
	*) echo "$SG_NAME: -s: unknown profile '$PROFILE'" >&2; exit 2 ;;
	esac
	if [ ! -d "$IN" ]; then
		echo "$SG_NAME: -i: no such directory: $IN" >&2
		exit 1
	fi
	# The tools: $SG_BIN if set, else the build beside this script,
	# else the PATH (an installed sg).
	if [ -n "${SG_BIN:-}" ]; then
		PATH=$SG_BIN:$PATH
	elif [ -x "$SG_HERE/../tools/sg-import" ]; then
		PATH=$SG_HERE/../tools:$PATH
	fi
	command -v sg-import >/dev/null || {
		echo "$SG_NAME: the sg tools are not built or not on PATH" >&2
		exit 1
	}
	# The data set's name, never its path: a published page must not
	# carry a local directory, user or host name.
	if [ -z "$TITLE" ]; then
		TITLE=$(cd "$IN" && pwd)
		TITLE=${TITLE##*/}
		sg_title_not_local
	fi
	export LC_ALL=C.UTF-8
	mkdir -p "$OUT"
	SG_START=$(date +%s.%N)
	SG_STAGE=starting
	WORK=
	SG_PUBLISHED=0
	PERIOD="Year to $END"
	trap 'sg_finish $?' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	sg_lock
	sg_remove_stale
	WORK=$(mktemp -d "$OUT/.$SG_NAME.XXXXXX")
	chmod 700 "$WORK"
	echo "$$" >"$WORK/.pid"
	mkdir -m 700 "$WORK/rejects"
	sg_quiet_followers
}

# sg_title_not_local: the last component of INDIR names the data set, but
# returns kept in /home/ann (-i ~, or -i . from there) would publish
# "ann", and a folder named after the machine its host name.  Such a
# name, or none (-i /), is replaced by "returns".
sg_title_not_local() {
	local home=${HOME:-}
	home=${home%/}
	case $TITLE in
	"" | "$(id -un 2>/dev/null)" | "${USER:-}" | "${LOGNAME:-}" | "${home##*/}" | \
	    "$(uname -n)" | "$(uname -n | cut -d. -f1)")
		echo "$SG_NAME: -i: the folder's name is a user or host name, or none: the pages name the data set 'returns' (name it with -T)" >&2
		TITLE=returns ;;
	esac
}

# sg_check_end DATE: exit 2 with the usage unless DATE is a real ISO date
# (2024-02-30 is not) and the last day of its month: the rolling windows,
# the quarters and the 18 months of a plan are counted from the month end.
sg_check_end() {
	local y m d last
	if [[ ! $1 =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})$ ]]; then
		echo "$SG_NAME: -e: not an ISO date (YYYY-MM-DD): '$1'" >&2
		sg_usage >&2
		exit 2
	fi
	y=$((10#${BASH_REMATCH[1]}))
	m=$((10#${BASH_REMATCH[2]}))
	d=$((10#${BASH_REMATCH[3]}))
	case $m in
	1|3|5|7|8|10|12) last=31 ;;
	4|6|9|11) last=30 ;;
	2) if (( (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 )); then
		last=29
	else
		last=28
	fi ;;
	*) last=0 ;;
	esac
	if [ "$d" -lt 1 ] || [ "$d" -gt "$last" ]; then
		echo "$SG_NAME: -e: no such date: '$1'" >&2
		sg_usage >&2
		exit 2
	fi
	if [ "$d" -ne "$last" ]; then
		printf '%s: -e: not the last day of a month: %s (the month ends on %04d-%02d-%02d)\n' \
		    "$SG_NAME" "$1" "$y" "$m" "$last" >&2
		sg_usage >&2
		exit 2
	fi
}

# sg_lock: one run at a time on an OUTDIR.  The lock is OUTDIR/.sg-lock,
# held (flock(1)) on file descriptor 9 until the run ends; a second run
# says whose run it waits for, and waits.
sg_lock() {
	exec 9>>"$OUT/.sg-lock"
	if ! flock -n 9; then
		echo "$SG_NAME: waiting for the run that holds $OUT/.sg-lock to end" >&2
		flock 9
	fi
}

# sg_remove_stale: with the lock held no other run uses OUTDIR, so a work
# directory there is one a killed run left behind (record-level data):
# it goes, unless the run named in its .pid is somehow still alive.
sg_remove_stale() {
	local d pid
	for d in "$OUT"/.kpi-scorecard.?????? "$OUT"/.police-rolling.?????? \
	    "$OUT"/.childrens-social-care.?????? "$OUT"/.adult-safeguarding.?????? \
	    "$OUT"/.annual-report.?????? "$OUT"/.benchmark.??????; do
		[ -d "$d" ] || continue
		pid=
		[ -r "$d/.pid" ] && pid=$(cat "$d/.pid")
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			continue
		fi
		rm -rf "$d"
		echo "$SG_NAME: removed ${d##*/}, the work directory of a run that was killed" >&2
	done
}

# sg_quiet_followers: when a tool fails in a pipe, the tools after it see
# no input and each says "empty input", which reads as a second fault.
# Standard error goes through a filter that keeps the first error and
# replaces those echoes by one line saying where they come from.  A
# "set aside in" a work directory is left out too: the work directory goes
# at the end, and publish says where the rows are kept.  The filter
# ignores SIGINT and SIGTERM (a Ctrl-C reaches the whole process group), so
# the FAILED line still gets through; it ends when the run closes its end.
sg_quiet_followers() {
	exec 8>&2
	exec 2> >(trap '' INT TERM; exec awk -v name="$SG_NAME" '
		/ set aside (kept )?in .*\/\.[a-z-]+\.[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]\// {
			next
		}
		/^sg-[a-z]+: -: empty input: no header line$/ && err {
			if (!said++)
				print name ": (the later steps of that pipe had no input because of it; their messages are left out)"
			fflush(); next
		}
		/^sg-[a-z]+: [^ ]*:[0-9]+: / { err = 1 }
		{ print; fflush() }' >&8)
	SG_FILTER=$!
}

# stage WHAT: what the pipeline is doing, for the FAILED message.  Kept in
# a file too, so a stage in a background job (together) is known.
stage() {
	SG_STAGE=$*
	[ -n "$WORK" ] && printf '%s\n' "$*" >"$WORK/.stage.$BASHPID"
	return 0
}

sg_finish() {
	local rc=$1 took
	trap '' INT TERM
	[ -n "$WORK" ] && rm -rf "$WORK"
	took=$(awk -v s="$SG_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	if [ "$rc" = 0 ]; then
		echo "$SG_NAME: ok: $SG_PUBLISHED files written to $OUT in ${took}s" >&2
	else
		echo "$SG_NAME: FAILED (exit $rc) while $SG_STAGE, after ${took}s; the previous outputs in $OUT are kept" >&2
	fi
	if [ -n "${SG_FILTER:-}" ]; then
		exec 2>&8
		wait "$SG_FILTER" 2>/dev/null || true
	fi
	exit "$rc"
}

# lookup FILE: the path of FILE read through sg-import (BOM, CRLF and
# encoding handled as for every input) into $WORK, for steps such as
# awk and read that would take a BOM or a CR as part of a value.
lookup() {
	local name
	name=$WORK/lookup.${1##*/}
	sg-import -f tsv "$1" >"$name"
	printf '%s\n' "$name"
}

# joined UNMATCHED SMALL [LOCATE]: after sg-join -u UNMATCHED, fail (exit
# 1) on the first key with no match in SMALL that -u KEYS does not name;
# LOCATE KEY, a function, says where the key was read (file and line).
joined() {
	local key rows where
	while IFS=$'\t' read -r key rows; do
		case ,$SG_MAY_UNMATCH, in
		*,"$key",*) continue ;;
		esac
		where=
		[ $# -gt 2 ] && where=$("$3" "$key")
		echo "$SG_NAME: ${where:+$where: }key '$key' ($rows row$([ "$rows" = 1 ] || echo s)) has no match in ${2#"$IN"/} (name it in -u if that is right)" >&2
		return 1
	done < <(tail -n +2 "$1" | cut -f 1,"$(head -1 "$1" | awk -F'\t' '{ print NF }')")
}

# check_table FILE FROM: fail (exit 1) if the table FILE has a header and
# no rows, naming the inputs FROM it was made from.
check_table() {
	local line
	# Two lines read in the shell: a header and at least one row.
	if ! { IFS= read -r line && IFS= read -r line; } <"$WORK/$1"; then
		echo "$SG_NAME: $1 came out empty (a header and no rows) from ${2:-its inputs}" >&2
		return 1
	fi
}

publish() {
	local f
	# Every table is checked before any file moves: an empty one stops
	# the run with the previous outputs untouched.
	for f in "$@"; do
		case $f in
		*.tsv) check_table "$f" ;;
		esac
	done
	local paths=()
	for f in "$@"; do
		# mv keeps the new file's mode; the owner's choice for the
		# published name (0600, say) is kept instead.
		if [ -e "$OUT/$f" ]; then
			chmod --reference="$OUT/$f" "$WORK/$f"
		fi
		paths+=("$WORK/$f")
	done
	# One mv renames each file into OUTDIR (each rename atomic).
	[ ${#paths[@]} -eq 0 ] || mv -f -t "$OUT" -- "${paths[@]}"
	SG_PUBLISHED=$((SG_PUBLISHED + ${#paths[@]}))
	publish_rejects
}

# publish_rejects: the rows set aside (--reject files in $WORK/rejects)
# go to OUTDIR/rejects/, mode 0600: they are record-level data.
publish_rejects() {
	local f n
	for f in "$WORK"/rejects/*; do
		[ -f "$f" ] || continue
		n=$(($(wc -l <"$f") - 1))
		# None set aside this time: an older file of the name is stale.
		if [ "$n" -le 0 ]; then
			rm -f "$f" "$OUT/rejects/${f##*/}"
			continue
		fi
		[ -d "$OUT/rejects" ] || mkdir -m 700 "$OUT/rejects"
		chmod 600 "$f"
		mv -f "$f" "$OUT/rejects/"
		echo "$SG_NAME: $n row$([ "$n" = 1 ] || echo s) set aside kept in $OUT/rejects/${f##*/}" >&2
	done
}

# suppress_counts COLS [--with ...]: the publication profile on a table
# of counts, from standard input to standard output.
# together FUNCTION...: runs the shell functions at once, each in the
# background (a 2-core machine does two extracts in the time of one), and
# waits for all of them; fails (with set -e, ends the pipeline) if any
# failed, after every one has ended.
together() {
	local f p r rc=0 pids=()
	for f in "$@"; do
		"$f" &
		pids+=("$!")
	done
	for p in "${pids[@]}"; do
		wait "$p" || {
			r=$?
			if [ "$rc" = 0 ] && [ -r "$WORK/.stage.$p" ]; then
				SG_STAGE=$(cat "$WORK/.stage.$p")
			fi
			rc=$r
		}
	done
	return "$rc"
}

suppress_counts() {
	if [ "$PROFILE" = none ]; then
		cat
	else
		sg-suppress --profile "$PROFILE" "$@"
	fi
}

# The workbooks (issue 17): each pipeline publishes NAME.xlsx and NAME.ods
# beside its page, holding exactly the tables the page renders, after
# suppression and rounding: the same TSV files, read by sg-book(1).
# book_table and book_note list them in $WORK/.book (kind, then fields,
# tab-separated), in the order of the page; a part of annual-report
# appends the same lines to $SG_BOOK_LIST too, so that annual-report can
# make one workbook of every part's tables.
book_table() {
	sg_book_line table "$1" "$2"
}

book_note() {
	[ -n "$1" ] || return 0
	sg_book_line note "$1"
}

sg_book_line() {
	local line
	line=$(printf '%s\t' "$@")
	line=${line%$'\t'}
	case $line in
	*$'\n'*) echo "$SG_NAME: a workbook title or note holds a line end: $line" >&2; return 1 ;;
	esac
	printf '%s\n' "$line" >>"$WORK/.book"
	if [ -n "${SG_BOOK_LIST:-}" ]; then
		printf '%s\n' "$line" >>"$SG_BOOK_LIST"
	fi
}

# profile_text: the suppression applied, as the workbook's Cover says it.
profile_text() {
	case $PROFILE in
	dfe) echo "dfe: counts from 1 to 5 are suppressed and shown [c], with other cells where needed so that none can be worked out from the totals" ;;
	nhs) echo "nhs: counts from 0 to 4 are suppressed and shown [c], with other cells where needed; every other count is rounded to the nearest 5" ;;
	none) echo "none: small numbers are not suppressed. RESTRICTED: not for publication" ;;
	*) echo "$PROFILE: counts of at least 1 and under $((10#$PROFILE)) are suppressed and shown [c], with other cells where needed so that none can be worked out from the totals" ;;
	esac
}

# write_books NAME TITLE [LIST]: $WORK/NAME.xlsx and $WORK/NAME.ods, with
# the tables and notes of LIST (default $WORK/.book), in its order; a note
# said twice (the rounding note of every table) is given once.  The Cover
# holds TITLE, $PERIOD, the data set's name (-T, never a path) and the
# profile ($PROFILE_TEXT if set, else profile_text); the restricted
# version (-s none) says so in its title, as the page does in its banner.
write_books() {
	local name=$1 title=$2 list=${3:-$WORK/.book} kind a b fmt
	local args=() files=()
	if [ "$PROFILE" = none ]; then
		title="RESTRICTED, not for publication: $title"
	fi
	args=(-T "$title" -p "$PERIOD" -S "$TITLE" -s "${PROFILE_TEXT:-$(profile_text)}")
	while IFS=$'\t' read -r kind a b; do
		case $kind in
		table) files+=("$WORK/$a"); args+=(-t "$b" -n "${a%.tsv}") ;;
		note) args+=(-N "$a") ;;
		esac
	done < <(awk '!($1 == "note" && seen[$0]++)' "$list")
	# An empty table stops the run with publish's message, not sg-book's.
	for a in "${files[@]}"; do
		check_table "${a#"$WORK"/}"
	done
	stage "writing the workbooks $name.xlsx and $name.ods"
	for fmt in xlsx ods; do
		sg-book -o "$WORK/$name.$fmt" "${args[@]}" "${files[@]}"
	done
}

# html_escape TEXT: TEXT with & < > " escaped.
html_escape() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
		-e 's/"/\&quot;/g'
}

# sg_page_head TITLE: the start of a standalone HTML page, with sg-render's
# style sheet, ready for fragments and figures.
sg_page_head() {
	local t
	t=$(html_escape "$1")
	cat <<HEAD
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$t</title>
<style>
$(sg-render --css)
@page{size:A4;margin:15mm}
figure{margin:1.5em 0;break-inside:avoid}
figure svg{max-width:100%;height:auto}
.sg-restricted{border:2px solid #b00;padding:.5em;font-weight:bold}
</style>
</head>
<body>
<main>
<h1>$t</h1>
HEAD
	if [ "$PROFILE" = none ]; then
		echo '<p class="sg-restricted">RESTRICTED: small numbers are not suppressed in this version. Not for publication.</p>'
	fi
}

# sg_figure SVG: an SVG chart inline, as a figure.
sg_figure() {
	echo '<figure>'
	sed '/^<?xml/d' "$1"
	echo '</figure>'
}

sg_page_foot() {
	local v
	v=$(sg-render --version | awk '{ print $NF }')
	cat <<FOOT
<footer><p>Made with sg $v from $(html_escape "$TITLE"), year to $END, suppression profile $PROFILE.</p></footer>
</main>
</body>
</html>
FOOT
}

# rounding_note: a sentence for a table's note when the profile rounds
# the counts (nhs), so that a reader knows why they may not add up and
# what the rates and changes are of; nothing otherwise.
rounding_note() {
	if [ "$PROFILE" = nhs ]; then
		echo "Counts are rounded to the nearest 5, so they may not add up exactly; rates, percentages and changes are of the rounded counts."
	fi
}
