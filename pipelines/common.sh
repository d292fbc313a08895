# common.sh: what every sg pipeline shares.  Sourced, not run.
#
#   sg_pipeline NAME "$@"   parses -i INDIR -o OUTDIR -e END -s PROFILE -h,
#                           finds the tools, makes the work directory $WORK
#                           inside OUTDIR, and arranges the one-line log and
#                           the clean-up on any exit.
#   publish FILE...         moves finished files from $WORK into OUTDIR
#                           (rename: atomic, file by file), only after every
#                           step has succeeded.
#
# A failure anywhere (set -euo pipefail) exits non-zero with the failing
# tool's message on standard error, removes $WORK, and leaves the previous
# outputs in OUTDIR untouched.
set -euo pipefail

sg_usage() {
	cat <<USAGE
usage: $SG_NAME [-i INDIR] [-o OUTDIR] [-e END] [-s PROFILE]
  -i INDIR    the returns and extracts (default: the project's samples/)
  -o OUTDIR   where the tables, charts and HTML go (default: out/)
  -e END      the last day of the reporting year, ISO (default: 2024-03-31)
  -s PROFILE  suppression for publication: dfe (default), nhs, a number,
              or none for a restricted board paper
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
	local opt
	OPTIND=1
	while getopts ':i:o:e:s:h' opt; do
		case $opt in
		i) IN=$OPTARG ;;
		o) OUT=$OPTARG ;;
		e) END=$OPTARG ;;
		s) PROFILE=$OPTARG ;;
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
	case $END in
	[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]) ;;
	*) echo "$SG_NAME: -e: not an ISO date: '$END'" >&2; exit 2 ;;
	esac
	case $PROFILE in
	dfe|nhs|none|[0-9]|[0-9][0-9]) ;;
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
	export LC_ALL=C.UTF-8
	mkdir -p "$OUT"
	SG_START=$(date +%s.%N)
	WORK=$(mktemp -d "$OUT/.$SG_NAME.XXXXXX")
	SG_PUBLISHED=0
	trap 'sg_finish $?' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

sg_finish() {
	local rc=$1 took
	rm -rf "$WORK"
	took=$(awk -v s="$SG_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	if [ "$rc" = 0 ]; then
		echo "$SG_NAME: ok: $SG_PUBLISHED files written to $OUT in ${took}s" >&2
	else
		echo "$SG_NAME: FAILED (exit $rc) after ${took}s; the previous outputs in $OUT are kept" >&2
	fi
	exit "$rc"
}

publish() {
	local f
	for f in "$@"; do
		mv -f "$WORK/$f" "$OUT/$f"
		SG_PUBLISHED=$((SG_PUBLISHED + 1))
	done
}

# suppress_counts COLS [--with ...]: the publication profile on a table
# of counts, from standard input to standard output.
# together FUNCTION...: runs the shell functions at once, each in the
# background (a 2-core machine does two extracts in the time of one), and
# waits for all of them; fails (with set -e, ends the pipeline) if any
# failed, after every one has ended.
together() {
	local f p rc=0 pids=()
	for f in "$@"; do
		"$f" &
		pids+=("$!")
	done
	for p in "${pids[@]}"; do
		wait "$p" || rc=$?
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
<footer><p>Made with sg $v from $(html_escape "$IN"), year to $END, suppression profile $PROFILE.</p></footer>
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
