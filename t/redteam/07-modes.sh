# 07-modes: -o wrote a temporary file and renamed it into place with mode
# 0644 whatever the file it replaced had, so a table of children's
# records an analyst had made 0600 became readable by everyone at the next
# run.  lib/writer.c now keeps an existing file's mode (and, where it may,
# owner and group); a new file gets 0666 less the umask.
in=$SAMPLES/adults/concerns.csv
sg-import "$in" >table.tsv
printf 'old\n' >private.tsv && chmod 600 private.tsv
sg-clean -o private.tsv table.tsv
is "$(stat -c %a private.tsv)" 600 "sg-clean -o keeps a 0600 table 0600"
printf 'old\n' >board.html && chmod 640 board.html
sg-render -f html -o board.html table.tsv
is "$(stat -c %a board.html)" 640 "sg-render -o keeps a 0640 page 0640"
printf 'old\n' >board.csv && chmod 600 board.csv
sg-render -f csv -o board.csv table.tsv
is "$(stat -c %a board.csv)" 600 "sg-render -f csv -o keeps a 0600 CSV 0600"
( umask 077; sg-import -o new.tsv "$in" )
is "$(stat -c %a new.tsv)" 600 "a new -o file under umask 077 is 0600"
( umask 022; sg-import -o new2.tsv "$in" )
is "$(stat -c %a new2.tsv)" 644 "a new -o file under umask 022 is 0644"
