/* Placeholder until sg-suppress is written. */
#include "config.h"
#include "sg.h"
int
main(int argc, char **argv)
{
	(void)argc;
	sg_init(argv[0]);
	sg_die_usage("not written yet");
}
